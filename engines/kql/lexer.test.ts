import { describe, expect, it } from 'vitest';
import { KqlError } from './diagnostics.ts';
import { tokenize } from './lexer.ts';

const kinds = (text: string) => tokenize(text).map((t) => [t.kind, t.kind === 'op' || t.kind === 'name' || t.kind === 'eof' ? t.text : t.value]);
const single = (text: string) => {
  const [token] = tokenize(text);
  return token && { kind: token.kind, value: token.value, type: token.type };
};

function syntaxError(text: string): KqlError {
  try {
    tokenize(text);
  } catch (error) {
    if (error instanceof KqlError) return error;
    throw error;
  }
  throw new Error(`no error for ${text}`);
}

describe('KQL lexer', () => {
  it('decodes every string literal form', () => {
    expect(single(`'it\\'s'`)?.value).toBe("it's");
    expect(single(`"a\\tb\\u0041"`)?.value).toBe('a\tbA');
    expect(single(`@'C:\\temp\\x'`)?.value).toBe('C:\\temp\\x');
    expect(single(`@"say ""hi"""`)?.value).toBe('say "hi"');
    expect(single('```line1\nline|2```')?.value).toBe('line1\nline|2');
    expect(single("h'secret'")).toEqual({ kind: 'string', value: 'secret', type: 'string' });
    expect(single('h@"C:\\x"')?.value).toBe('C:\\x');
    // an unknown escape keeps its backslash: regexes are written "\d+"
    expect(single('"\\d+"')?.value).toBe('\\d+');
  });

  it('keeps a quoted pipe inside its string', () => {
    expect(kinds('where m == "a|b"')).toEqual([
      ['name', 'where'],
      ['name', 'm'],
      ['op', '=='],
      ['string', 'a|b'],
      ['eof', ''],
    ]);
  });

  it('reads numbers: long, real, exponent, hex, and long beyond 2^53 as bigint', () => {
    expect(single('42')).toEqual({ kind: 'number', value: 42, type: 'long' });
    expect(single('4.5')).toEqual({ kind: 'number', value: 4.5, type: 'real' });
    expect(single('1e3')).toEqual({ kind: 'number', value: 1000, type: 'real' });
    expect(single('0x1F')?.value).toBe(31);
    expect(single('9223372036854775807')?.value).toBe(9223372036854775807n);
    expect(kinds('1..5').map(([k]) => k)).toEqual(['number', 'op', 'number', 'eof']);
  });

  it('reads timespan literals in milliseconds', () => {
    const ms = (text: string) => single(text)?.value;
    expect(ms('1d')).toBe(86_400_000);
    expect(ms('2h')).toBe(7_200_000);
    expect(ms('30m')).toBe(1_800_000);
    expect(ms('10s')).toBe(10_000);
    expect(ms('100ms')).toBe(100);
    expect(ms('1.5h')).toBe(5_400_000);
    expect(ms('5000microseconds')).toBe(5);
    expect(ms('10000tick')).toBe(1);
    expect(ms('time(1h)')).toBe(3_600_000);
    expect(ms('timespan(1.02:03:04)')).toBe(((24 + 2) * 60 + 3) * 60_000 + 4000);
    expect(ms('time(00:10:00)')).toBe(600_000);
  });

  it('reads typed literals, including typed nulls', () => {
    expect(single('datetime(2024-01-01T00:00:00Z)')).toEqual({ kind: 'typed', value: Date.UTC(2024, 0, 1), type: 'datetime' });
    expect(single('datetime(2024-01-01 10:30)')?.value).toBe(Date.UTC(2024, 0, 1, 10, 30));
    expect(single("datetime('2007-04-07')")?.value).toBe(Date.UTC(2007, 3, 7));
    expect(single('datetime(null)')).toEqual({ kind: 'typed', value: null, type: 'datetime' });
    expect(single('long(null)')).toEqual({ kind: 'typed', value: null, type: 'long' });
    expect(single('int(1)')).toEqual({ kind: 'typed', value: 1, type: 'int' });
    expect(single('bool(true)')).toEqual({ kind: 'typed', value: true, type: 'bool' });
    expect(single('real(nan)')?.value).toBeNaN();
    expect(single('guid(74BE27DE-1E4E-49D9-B579-FE0B331D3642)')?.value).toBe('74be27de-1e4e-49d9-b579-fe0b331d3642');
  });

  it('joins hyphenated operator names and negated word operators', () => {
    expect(kinds('project-away mv-expand a-b !has_cs !in~ in~ !between').map(([, v]) => v)).toEqual([
      'project-away',
      'mv-expand',
      'a',
      '-',
      'b',
      '!has_cs',
      '!in~',
      'in~',
      '!between',
      '',
    ]);
  });

  it('skips comments and tracks lines and columns', () => {
    const tokens = tokenize('T // a comment | where\n  | take 1');
    expect(tokens.map((t) => t.text)).toEqual(['T', '|', 'take', '1', '']);
    expect(tokens[1]).toMatchObject({ line: 2, column: 3 });
  });

  it('reports unterminated strings with a position', () => {
    const error = syntaxError('T | where a == "open\n| take 1');
    expect(error.diagnostic).toMatchObject({ type: 'SYNTAX_ERROR', span: { line: 1, column: 16 } });
    expect(error.message).toContain('unterminated string literal at line 1, column 16');
  });

  it('refuses an invalid typed literal value', () => {
    expect(() => tokenize('datetime(Insert date)')).toThrow(/not a valid datetime literal/);
  });
});
