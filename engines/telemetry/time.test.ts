import { describe, expect, it } from 'vitest';
import { parseTime } from './time.ts';

describe('parseTime', () => {
  it('parses Suricata offsets without a colon and keeps microseconds in precise', () => {
    const t = parseTime('2011-08-12T14:52:57.716360+0200');
    expect(t?.date.toISOString()).toBe('2011-08-12T12:52:57.716Z');
    expect(t?.precise).toBe('2011-08-12T12:52:57.71636Z');
  });

  it('treats an ISO time without zone as UTC (never the machine time zone)', () => {
    expect(parseTime('2009-11-24T21:27:09.534255')?.date.toISOString()).toBe('2009-11-24T21:27:09.534Z');
    expect(parseTime('2020-01-01 10:00:00')?.date.toISOString()).toBe('2020-01-01T10:00:00.000Z');
  });

  it('parses Zeek epoch seconds, as number or string, identically to the ISO twin', () => {
    const iso = parseTime('2018-03-24T17:15:20.629574Z');
    const fromNumber = parseTime(1521911720.629574);
    const fromText = parseTime('1521911720.629574');
    expect(fromNumber?.precise).toBe('2018-03-24T17:15:20.629574Z');
    expect(fromText?.precise).toBe(iso?.precise);
    expect(fromNumber?.date.getTime()).toBe(iso?.date.getTime());
  });

  it('reads large epochs as milliseconds', () => {
    expect(parseTime(1700000000123)?.date.toISOString()).toBe('2023-11-14T22:13:20.123Z');
  });

  it('parses osquery calendarTime', () => {
    expect(parseTime('Tue Sep 30 17:37:30 2014 UTC')?.date.toISOString()).toBe('2014-09-30T17:37:30.000Z');
  });

  it('rejects garbage and impossible dates', () => {
    expect(parseTime('XXXXXXXXXX.XXXXXX')).toBeNull();
    expect(parseTime('2021-02-30T00:00:00Z')).toBeNull();
    expect(parseTime('yesterday')).toBeNull();
    expect(parseTime(Number.NaN)).toBeNull();
    expect(parseTime({})).toBeNull();
  });
});
