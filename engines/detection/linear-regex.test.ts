import { describe, expect, it } from 'vitest';
import { escapeLinear, LinearRegex, linearRegex, toRe2Syntax } from './linear-regex.ts';

// every JavaScript whitespace character, a few look-alikes that are not, and line ends
const PROBES = [
  'a',
  ' ',
  '\t',
  '\n',
  '\v',
  '\f',
  '\r',
  '\u00a0',
  '\u1680',
  '\u2000',
  '\u200a',
  '\u200b',
  '\u2028',
  '\u2029',
  '\u202f',
  '\u205f',
  '\u3000',
  '\ufeff',
  '\u0085',
  '_',
  '-',
  '😀',
];

describe('linearRegex', () => {
  it('gives \\s, \\S and . their JavaScript meaning (RE2 alone would not)', () => {
    for (const c of PROBES) {
      expect(linearRegex(String.raw`^\s$`).test(c), JSON.stringify(c)).toBe(/^\s$/.test(c));
      expect(linearRegex(String.raw`^\S$`).test(c), JSON.stringify(c)).toBe(/^\S$/u.test(c));
      expect(linearRegex(String.raw`^[^\S\n]$`).test(c), JSON.stringify(c)).toBe(/^[^\S\n]$/.test(c));
      expect(linearRegex('^.$').test(c), JSON.stringify(c)).toBe(/^.$/u.test(c));
      expect(linearRegex(String.raw`^[\s<]$`).test(c), JSON.stringify(c)).toBe(/^[\s<]$/.test(c));
    }
    expect(linearRegex(String.raw`^\u2028$`).test('\u2028')).toBe(true);
    expect(toRe2Syntax(String.raw`a\.b[.]\\s`)).toBe(String.raw`a\.b[.]\\s`);
  });

  it('refuses lookaround, backreferences and ambiguous classes when the pattern is compiled', () => {
    expect(() => linearRegex('a(?=b)')).toThrow();
    expect(() => linearRegex('a(?!b)')).toThrow();
    expect(() => linearRegex('(?<=a)b')).toThrow();
    expect(() => linearRegex(String.raw`(a)\1`)).toThrow();
    expect(() => linearRegex('[]a]')).toThrow();
    expect(() => linearRegex('(a)', '', { equalGroups: [1, 2] })).toThrow();
  });

  it('matches case-insensitively with the i flag, anywhere in the text', () => {
    const re = linearRegex(String.raw`\bunion\s+select\b`, 'i');
    expect(re).toBeInstanceOf(LinearRegex);
    expect(re.test('1 UNION\u00a0Select 2')).toBe(true);
    expect(re.test('reunion selection')).toBe(false);
  });

  it('equalGroups stands in for a backreference: equal captures only, case-folded, a candidate inside a failed one still found', () => {
    const tautology = linearRegex(String.raw`'\s*or\s*'?(\w*)'?\s*=\s*'?(\w*)`, 'i', { equalGroups: [1, 2] });
    expect(tautology.test("x' or 'a'='a")).toBe(true);
    expect(tautology.test("x' OR 'A'='a")).toBe(true);
    expect(tautology.test("x' or 'a'='b")).toBe(false);
    // the first candidate (' or 'a'='or) fails; the one starting at its last quote is a tautology
    expect(tautology.test("x' or 'a'='or 1=1")).toBe(true);
    expect(linearRegex('(a)(b)', '', { equalGroups: [1, 2] }).test('ab')).toBe(false);
  });

  it('replaces literally or through a replacer, and escapes names for literal matching', () => {
    expect(linearRegex('x').replaceAll('axbx', '$&\\')).toBe('a$&\\b$&\\');
    expect(linearRegex('%([0-9a-f]{2})', 'i').replaceAll('%41%4a', (_, hex) => String.fromCharCode(Number.parseInt(hex, 16)))).toBe('AJ');
    const name = 'x.sh (1)[2]';
    expect(linearRegex(`^${escapeLinear(name)}$`).test(name)).toBe(true);
    expect(linearRegex(`^${escapeLinear(name)}$`).test('xash (1)[2]')).toBe(false);
  });
});
