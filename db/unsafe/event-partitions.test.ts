import { describe, expect, it } from 'vitest';
import { partitionName, utcDay } from './event-partitions.ts';

describe('utcDay', () => {
  it('keeps the years 0001–0099 (Date.UTC would read them as 1900–1999)', () => {
    expect(utcDay(new Date('0050-06-01T12:34:56.789Z')).toISOString()).toBe('0050-06-01T00:00:00.000Z');
    expect(utcDay(new Date('0001-01-01T23:59:59.999Z')).toISOString()).toBe('0001-01-01T00:00:00.000Z');
    expect(partitionName(utcDay(new Date('0050-06-01T12:00:00Z')))).toBe('events_p00500601');
  });

  it('floors instants before and after 1970 alike', () => {
    expect(utcDay(new Date('1969-12-31T23:00:00Z')).toISOString()).toBe('1969-12-31T00:00:00.000Z');
    expect(utcDay(new Date('9999-12-30T23:59:59.999Z')).toISOString()).toBe('9999-12-30T00:00:00.000Z');
  });
});
