import { describe, expect, it } from 'vitest';
import { parseTime, readTime } from './time.ts';

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

  it('reads Python isoformat() + "Z": the numeric offset wins over the appended Z', () => {
    expect(parseTime('2026-12-03T10:00:00+00:00Z')?.date.toISOString()).toBe('2026-12-03T10:00:00.000Z');
    expect(parseTime('2026-12-03T10:00:00.123456+00:00Z')?.precise).toBe('2026-12-03T10:00:00.123456Z');
    expect(parseTime('2026-12-03T12:00:00+02:00Z')?.date.toISOString()).toBe('2026-12-03T10:00:00.000Z');
    expect(parseTime('2026-12-03T10:00:00.123456')?.precise).toBe('2026-12-03T10:00:00.123456Z');
  });

  it('picks the epoch unit by magnitude: below 1e11 seconds, from 1e11 milliseconds (number or numeric string)', () => {
    expect(parseTime(99_999_999_999)?.date.toISOString()).toBe('5138-11-16T09:46:39.000Z');
    expect(parseTime('100000000000')?.date.toISOString()).toBe('1973-03-03T09:46:40.000Z');
    expect(parseTime('1764756000')?.date.toISOString()).toBe('2025-12-03T10:00:00.000Z');
    expect(parseTime('1764756000123')?.date.toISOString()).toBe('2025-12-03T10:00:00.123Z');
  });

  it('keeps the years 0001–0099 as written (Date.UTC would make them 1901–1999)', () => {
    expect(parseTime('0050-06-01T12:00:00Z')?.date.toISOString()).toBe('0050-06-01T12:00:00.000Z');
    expect(parseTime('0001-01-01T00:00:00Z')?.date.toISOString()).toBe('0001-01-01T00:00:00.000Z');
    expect(parseTime('Mon Mar  1 00:00:00 0099 UTC')?.date.toISOString()).toBe('0099-03-01T00:00:00.000Z');
    expect(parseTime('0004-02-29T00:00:00Z')?.date.getUTCFullYear()).toBe(4);
  });

  it('says timestamp_out_of_range outside 0001-01-01 … 9999-12-30 UTC, year 0000 included', () => {
    expect(parseTime('9999-12-30T23:59:59.999Z')?.date.toISOString()).toBe('9999-12-30T23:59:59.999Z');
    for (const value of [
      '9999-12-31T23:59:59-01:00',
      '9999-12-31T23:59:59+01:00',
      '+275760-09-13T00:00:00.000Z',
      '10000-01-01T00:00:00Z',
      '-000001-01-01T00:00:00Z',
      '0000-06-01T00:00:00Z',
      '0001-01-01T00:30:00+01:00',
      253_402_300_800_000,
      8.64e15,
      '8640000000000000',
      1e21,
      new Date(8.64e15),
    ]) {
      expect(readTime(value), String(value)).toBe('timestamp_out_of_range');
    }
    expect(readTime('2021-02-30T00:00:00Z')).toBe('invalid_timestamp');
    expect(readTime('yesterday')).toBe('invalid_timestamp');
  });
});
