import type { ScalarType } from './ast.ts';
import { KqlError } from './diagnostics.ts';
import { parseDatetimeText, parseTimespanText, TIMESPAN_UNITS } from './literals.ts';
import type { Token, TokenKind } from './tokens.ts';
import { SCALAR_TYPE_NAMES } from './type-names.ts';

/** Operator names KQL spells with hyphens; the lexer joins `project` `-` `away` into one name. */
const HYPHENATED = new Set([
  'project-away',
  'project-keep',
  'project-rename',
  'project-reorder',
  'project-smart',
  'project-by-names',
  'mv-expand',
  'mv-apply',
  'make-series',
  'parse-where',
  'parse-kv',
  'top-nested',
  'top-hitters',
  'sample-distinct',
  'granny-asc',
  'granny-desc',
  'make-graph',
  'graph-match',
  'graph-merge',
  'graph-to-table',
  'graph-shortest-paths',
  'graph-mark-components',
  'assert-schema',
  'macro-expand',
  'execute-and-cache',
]);

/** Word operators that take a `!` prefix (`!has`, `!in~`, `!between`). */
const NEGATABLE = new Set([
  'has',
  'has_cs',
  'hasprefix',
  'hasprefix_cs',
  'hassuffix',
  'hassuffix_cs',
  'contains',
  'contains_cs',
  'startswith',
  'startswith_cs',
  'endswith',
  'endswith_cs',
  'in',
  'between',
  'like',
]);

/** Literal constructors scanned raw up to `)`: `datetime(2024-01-01 10:00)`, `guid(…)`, `long(null)`. */
const TYPED_LITERALS: Readonly<Record<string, ScalarType>> = Object.fromEntries(
  Object.entries(SCALAR_TYPE_NAMES).filter(([name]) => name !== 'string' && name !== 'dynamic'),
);

const SYMBOLS = ['..', '==', '!=', '<>', '<=', '>=', '=~', '!~', '=>', '->'];
const SINGLE = new Set('|(){}[],;.=<>+-*/%:!~?@#');

const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
const isAsciiLetter = (c: string) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
const isLetter = (c: string) => isAsciiLetter(c) || (c > '\x7f' && /\p{L}/u.test(c));
const isIdentStart = (c: string | undefined) => c !== undefined && (c === '_' || c === '$' || isLetter(c));
const isIdentPart = (c: string | undefined) => c !== undefined && (c === '_' || isDigit(c) || isLetter(c));

/** Splits KQL text into tokens; throws SYNTAX_ERROR for unterminated strings and characters KQL does not use. */
export function tokenize(text: string): Token[] {
  return new Lexer(text).run();
}

class Lexer {
  private pos = 0;
  private line = 1;
  private lineStart = 0;
  private readonly tokens: Token[] = [];
  private spaced = false;

  private readonly text: string;

  constructor(text: string) {
    this.text = text;
  }

  run(): Token[] {
    for (;;) {
      this.skipTrivia();
      if (this.pos >= this.text.length) break;
      this.lexOne();
    }
    const at = this.text.length;
    this.tokens.push(this.make('eof', '', null, null, at, at, this.line, at - this.lineStart + 1));
    return this.tokens;
  }

  private make(kind: TokenKind, text: string, value: unknown, type: ScalarType | null, start: number, end: number, line: number, column: number): Token {
    const token: Token = { kind, text, value, type, start, end, line, column, spaced: this.spaced };
    this.spaced = false;
    return token;
  }

  private push(kind: TokenKind, start: number, value: unknown, type: ScalarType | null = null, line = this.line, column = start - this.lineStart + 1): Token {
    const token = this.make(kind, this.text.slice(start, this.pos), value, type, start, this.pos, line, column);
    this.tokens.push(token);
    return token;
  }

  private fail(message: string, start: number, expected: string[]): never {
    const column = start - this.lineStart + 1;
    throw new KqlError({
      type: 'SYNTAX_ERROR',
      message: `${message} at line ${this.line}, column ${column}`,
      span: { start, end: Math.min(this.text.length, start + 1), line: this.line, column },
      expected,
    });
  }

  private skipTrivia(): void {
    const { text } = this;
    while (this.pos < text.length) {
      const c = text[this.pos];
      if (c === '\n') {
        this.pos++;
        this.line++;
        this.lineStart = this.pos;
        this.spaced = true;
      } else if (c === ' ' || c === '\t' || c === '\r' || c === '\f' || c === '\v' || c === '\u00a0' || c === '\ufeff') {
        this.pos++;
        this.spaced = true;
      } else if (c === '/' && text[this.pos + 1] === '/') {
        while (this.pos < text.length && text[this.pos] !== '\n') this.pos++;
        this.spaced = true;
      } else break;
    }
  }

  private lexOne(): Token {
    const { text } = this;
    const start = this.pos;
    const c = text[start] as string;
    const next = text[start + 1];
    if (c === "'" || c === '"') return this.lexQuoted(start, start, c);
    if (c === '@' && (next === "'" || next === '"')) return this.lexVerbatim(start, start + 1);
    if ((c === '`' && text.startsWith('```', start)) || (c === '~' && text.startsWith('~~~', start))) return this.lexMultiline(start, start);
    if ((c === 'h' || c === 'H') && (next === "'" || next === '"')) return this.lexQuoted(start, start + 1, next);
    if ((c === 'h' || c === 'H') && next === '@' && (text[start + 2] === "'" || text[start + 2] === '"')) return this.lexVerbatim(start, start + 2);
    if ((c === 'h' || c === 'H') && (text.startsWith('```', start + 1) || text.startsWith('~~~', start + 1))) return this.lexMultiline(start, start + 1);
    if (isDigit(c) || (c === '.' && isDigit(next) && !this.previousEndsOperand())) return this.lexNumber(start);
    if (isIdentStart(c)) return this.lexName(start);
    if (c === '!' && isIdentStart(next)) {
      const word = this.readWord(start + 1);
      if (NEGATABLE.has(word)) {
        this.pos = start + 1 + word.length;
        if (word === 'in' && text[this.pos] === '~') this.pos++;
        return this.push('op', start, null);
      }
    }
    for (const symbol of SYMBOLS) {
      if (text.startsWith(symbol, start)) {
        this.pos += symbol.length;
        return this.push('op', start, null);
      }
    }
    if (SINGLE.has(c)) {
      this.pos++;
      return this.push('op', start, null);
    }
    return this.fail(`unexpected character '${c}'`, start, ['a token']);
  }

  private previousEndsOperand(): boolean {
    const last = this.tokens[this.tokens.length - 1];
    return last !== undefined && !this.spaced && (last.kind === 'name' || last.text === ')' || last.text === ']');
  }

  private readWord(from: number): string {
    let end = from;
    while (isIdentPart(this.text[end])) end++;
    return this.text.slice(from, end);
  }

  private lexName(start: number): Token {
    const { text } = this;
    let end = start + 1;
    while (isIdentPart(text[end])) end++;
    // `project-away`, `mv-expand`: join the longest known hyphenated name.
    if (text[end] === '-' && isIdentStart(text[end + 1])) {
      const match = /^[A-Za-z_]+(?:-[A-Za-z_]+)+/.exec(text.slice(start, start + 40));
      if (match) {
        const parts = match[0].split('-');
        for (let n = parts.length; n > 1; n--) {
          const candidate = parts.slice(0, n).join('-');
          if (HYPHENATED.has(candidate) && !isIdentPart(text[start + candidate.length])) {
            end = start + candidate.length;
            break;
          }
        }
      }
    }
    const word = text.slice(start, end);
    if (word === 'in' && text[end] === '~') end++;
    const type = TYPED_LITERALS[word];
    if (type && text[end] === '(') return this.lexTypedLiteral(start, end, type);
    this.pos = end;
    return this.push('name', start, text.slice(start, end));
  }

  private lexTypedLiteral(start: number, open: number, type: ScalarType): Token {
    const close = this.text.indexOf(')', open);
    const newline = this.text.indexOf('\n', open);
    if (close < 0 || (newline >= 0 && newline < close)) this.fail(`unterminated ${this.text.slice(start, open)} literal`, start, ["')'"]);
    const raw = this.text.slice(open + 1, close).trim();
    this.pos = close + 1;
    const value = convertTyped(type, raw);
    if (value === undefined) {
      const column = start - this.lineStart + 1;
      throw new KqlError({
        type: 'TYPE_ERROR',
        message: `'${this.text.slice(start, this.pos)}' is not a valid ${type} literal at line ${this.line}, column ${column}`,
        span: { start, end: this.pos, line: this.line, column },
      });
    }
    return this.push('typed', start, value, type);
  }

  private lexNumber(start: number): Token {
    const { text } = this;
    let end = start;
    if (text[start] === '0' && (text[start + 1] === 'x' || text[start + 1] === 'X') && /[0-9a-fA-F]/.test(text[start + 2] ?? '')) {
      end = start + 2;
      while (/[0-9a-fA-F]/.test(text[end] ?? '')) end++;
      this.pos = end;
      return this.push('number', start, toLong(BigInt(text.slice(start, end))), 'long');
    }
    while (isDigit(text[end])) end++;
    let real = false;
    if (text[end] === '.' && text[end + 1] !== '.') {
      real = true;
      end++;
      while (isDigit(text[end])) end++;
    }
    if ((text[end] === 'e' || text[end] === 'E') && (isDigit(text[end + 1]) || ((text[end + 1] === '+' || text[end + 1] === '-') && isDigit(text[end + 2])))) {
      real = true;
      end += 2;
      while (isDigit(text[end])) end++;
    }
    const digits = text.slice(start, end);
    if (isIdentStart(text[end])) {
      const unit = this.readWord(end);
      const factor = TIMESPAN_UNITS[unit];
      if (factor === undefined) this.fail(`'${digits}${unit}' is not a number or a timespan`, start, ['a number']);
      this.pos = end + unit.length;
      return this.push('timespan', start, Math.round(Number(digits) * factor));
    }
    this.pos = end;
    if (real) return this.push('number', start, Number(digits), 'real');
    return this.push('number', start, toLong(BigInt(digits)), 'long');
  }

  private lexQuoted(start: number, quoteAt: number, quote: string): Token {
    const { text } = this;
    let value = '';
    let i = quoteAt + 1;
    for (;;) {
      const c = text[i];
      if (c === undefined || c === '\n') this.fail('unterminated string literal', start, [quote]);
      if (c === quote) break;
      if (c === '\\') {
        const escaped = text[i + 1];
        const decoded = decodeEscape(text, i);
        if (!decoded) this.fail(`invalid escape '\\${escaped ?? ''}' in string literal`, i, ['an escape sequence']);
        value += decoded.text;
        i += decoded.length;
        continue;
      }
      value += c;
      i++;
    }
    this.pos = i + 1;
    return this.push('string', start, value, 'string');
  }

  private lexVerbatim(start: number, quoteAt: number): Token {
    const { text } = this;
    const quote = text[quoteAt] as string;
    let value = '';
    let i = quoteAt + 1;
    for (;;) {
      const c = text[i];
      if (c === undefined || c === '\n') this.fail('unterminated string literal', start, [quote]);
      if (c === quote) {
        if (text[i + 1] === quote) {
          value += quote;
          i += 2;
          continue;
        }
        break;
      }
      value += c;
      i++;
    }
    this.pos = i + 1;
    return this.push('string', start, value, 'string');
  }

  private lexMultiline(start: number, fenceAt: number): Token {
    const fence = this.text.slice(fenceAt, fenceAt + 3);
    const close = this.text.indexOf(fence, fenceAt + 3);
    if (close < 0) this.fail('unterminated multi-line string literal', start, [fence]);
    const value = this.text.slice(fenceAt + 3, close);
    const line = this.line;
    const column = start - this.lineStart + 1;
    this.pos = close + 3;
    for (let i = start; i < this.pos; i++) {
      if (this.text[i] === '\n') {
        this.line++;
        this.lineStart = i + 1;
      }
    }
    return this.push('string', start, value, 'string', line, column);
  }
}

const ESCAPES: Record<string, string> = {
  n: '\n',
  t: '\t',
  r: '\r',
  '\\': '\\',
  "'": "'",
  '"': '"',
  '0': '\0',
  a: '\x07',
  b: '\b',
  f: '\f',
  v: '\v',
  '/': '/',
};

function decodeEscape(text: string, at: number): { text: string; length: number } | null {
  const c = text[at + 1];
  if (c === undefined) return null;
  const simple = ESCAPES[c];
  if (simple !== undefined) return { text: simple, length: 2 };
  if (c === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(at + 2, at + 6)))
    return { text: String.fromCharCode(Number.parseInt(text.slice(at + 2, at + 6), 16)), length: 6 };
  if (c === 'U' && /^[0-9a-fA-F]{8}$/.test(text.slice(at + 2, at + 10)))
    return { text: String.fromCodePoint(Number.parseInt(text.slice(at + 2, at + 10), 16)), length: 10 };
  if (c === 'x' && /^[0-9a-fA-F]{2}$/.test(text.slice(at + 2, at + 4)))
    return { text: String.fromCharCode(Number.parseInt(text.slice(at + 2, at + 4), 16)), length: 4 };
  // KQL keeps an unknown escape's backslash (regexes like "\d" are written this way).
  return { text: `\\${c}`, length: 2 };
}

/** A long as a number when it is exact, else a bigint (the AST contract). */
function toLong(value: bigint): number | bigint {
  return value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(value) : value;
}

/** The value of a raw typed literal; `undefined` when the text is not valid for the type. */
function convertTyped(type: ScalarType, raw: string): unknown {
  // `datetime('2007-04-07')`: Kusto also takes the text quoted.
  const unquoted = /^(['"])(.*)\1$/.exec(raw);
  if (unquoted) raw = (unquoted[2] as string).trim();
  const lower = raw.toLowerCase();
  if (lower === 'null') return null;
  switch (type) {
    case 'datetime':
      return parseDatetimeText(raw) ?? undefined;
    case 'timespan':
      return parseTimespanText(raw) ?? undefined;
    case 'guid':
      return /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i.test(raw) ? lower : undefined;
    case 'bool':
      return lower === 'true' ? true : lower === 'false' ? false : undefined;
    case 'long':
    case 'int':
      return /^[+-]?\d+$/.test(raw) ? toLong(BigInt(raw)) : undefined;
    case 'real':
    case 'decimal': {
      if (lower === 'nan') return Number.NaN;
      if (lower === '+inf' || lower === 'inf') return Number.POSITIVE_INFINITY;
      if (lower === '-inf') return Number.NEGATIVE_INFINITY;
      return /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(raw) ? Number(raw) : undefined;
    }
    default:
      return undefined;
  }
}
