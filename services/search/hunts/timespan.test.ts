import { describe, expect, it } from 'vitest';
import { formatTimespan, parseTimespan } from './timespan.ts';

describe('hunt timespans', () => {
  it('reads whole KQL units', () => {
    expect(parseTimespan('30s')).toBe(30);
    expect(parseTimespan('15m')).toBe(900);
    expect(parseTimespan(' 1H ')).toBe(3600);
    expect(parseTimespan('7d')).toBe(604_800);
  });

  it('refuses anything else', () => {
    for (const text of ['', 'h', '1', '1.5h', '-1h', '1w', '1 h', '0x1h', '1e3s', '1234567890s']) expect(parseTimespan(text), text).toBeNull();
  });

  it('writes the largest whole unit', () => {
    expect(formatTimespan(86_400)).toBe('1d');
    expect(formatTimespan(5400)).toBe('90m');
    expect(formatTimespan(3600)).toBe('1h');
    expect(formatTimespan(61)).toBe('61s');
  });
});
