/**
 * Sigma's condition language: `and`, `or`, `not`, parentheses, search identifiers and `N of pattern` /
 * `all of pattern` / `… of them`. Precedence, least to most binding: or, and, not, x of, parentheses.
 */
export type ConditionExpr =
  | { type: 'and' | 'or'; items: ConditionExpr[] }
  | { type: 'not'; item: ConditionExpr }
  | { type: 'ref'; name: string; offset: number }
  /** count: at least this many; 'all': every one. pattern null = `them` */
  | { type: 'of'; count: number | 'all'; pattern: string | null; offset: number };

type Token = { text: string; offset: number };
export type ConditionSyntaxError = { message: string; offset: number };

const KEYWORDS = new Set(['and', 'or', 'not', 'of', 'them', '(', ')']);

function tokenize(text: string): Token[] | ConditionSyntaxError {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') i++;
    else if (c === '(' || c === ')') tokens.push({ text: c, offset: i++ });
    else if (c === '|') return { message: "aggregations ('|') are the old correlation syntax; use a correlation rule", offset: i };
    else {
      const start = i;
      while (i < text.length && !' \t\n\r()|'.includes(text[i] as string)) i++;
      tokens.push({ text: text.slice(start, i), offset: start });
    }
  }
  return tokens;
}

const IDENTIFIER = /^[A-Za-z0-9_.*-]+$/;

class ConditionSyntaxFailure extends Error {
  readonly offset: number;
  constructor(message: string, offset: number) {
    super(message);
    this.offset = offset;
  }
}

class Parser {
  private position = 0;
  private readonly tokens: Token[];
  private readonly end: number;
  constructor(tokens: Token[], end: number) {
    this.tokens = tokens;
    this.end = end;
  }

  private peek(): Token | undefined {
    return this.tokens[this.position];
  }
  private keyword(token: Token | undefined): string | null {
    const lower = token?.text.toLowerCase();
    return lower !== undefined && KEYWORDS.has(lower) ? lower : null;
  }
  private fail(message: string, token: Token | undefined): never {
    throw new ConditionSyntaxFailure(message, token?.offset ?? this.end);
  }

  parse(): ConditionExpr {
    const expr = this.or();
    const rest = this.peek();
    if (rest) this.fail(`unexpected '${rest.text}'`, rest);
    return expr;
  }

  private or(): ConditionExpr {
    const items = [this.and()];
    while (this.keyword(this.peek()) === 'or') {
      this.position++;
      items.push(this.and());
    }
    return items.length === 1 ? (items[0] as ConditionExpr) : { type: 'or', items };
  }

  private and(): ConditionExpr {
    const items = [this.not()];
    while (this.keyword(this.peek()) === 'and') {
      this.position++;
      items.push(this.not());
    }
    return items.length === 1 ? (items[0] as ConditionExpr) : { type: 'and', items };
  }

  private not(): ConditionExpr {
    if (this.keyword(this.peek()) !== 'not') return this.primary();
    this.position++;
    return { type: 'not', item: this.not() };
  }

  private primary(): ConditionExpr {
    const token = this.peek();
    if (!token) this.fail('the condition ends too early', token);
    const keyword = this.keyword(token);
    if (keyword === '(') {
      this.position++;
      const inner = this.or();
      if (this.keyword(this.peek()) !== ')') this.fail("missing ')'", this.peek());
      this.position++;
      return inner;
    }
    if (keyword) this.fail(`unexpected '${token.text}'`, token);
    this.position++;
    if (this.keyword(this.peek()) === 'of') return this.quantifier(token);
    if (!IDENTIFIER.test(token.text) || token.text.includes('*')) this.fail(`'${token.text}' is not a search identifier`, token);
    return { type: 'ref', name: token.text, offset: token.offset };
  }

  private quantifier(countToken: Token): ConditionExpr {
    this.position++;
    const lower = countToken.text.toLowerCase();
    const count = lower === 'all' ? 'all' : /^\d{1,3}$/.test(lower) && Number(lower) >= 1 ? Number(lower) : null;
    if (count === null) this.fail(`'${countToken.text} of': the count must be a positive number or 'all'`, countToken);
    const target = this.peek();
    if (!target) this.fail("'of' needs a pattern or 'them'", target);
    this.position++;
    if (this.keyword(target) === 'them') return { type: 'of', count, pattern: null, offset: countToken.offset };
    if (!IDENTIFIER.test(target.text)) this.fail(`'${target.text}' is not a search identifier pattern`, target);
    return { type: 'of', count, pattern: target.text, offset: countToken.offset };
  }
}

/** Parses one condition string; a syntax error names its offset in the string. */
export function parseCondition(text: string): ConditionExpr | ConditionSyntaxError {
  const tokens = tokenize(text);
  if (!Array.isArray(tokens)) return tokens;
  if (tokens.length === 0) return { message: 'the condition is empty', offset: 0 };
  try {
    return new Parser(tokens, text.length).parse();
  } catch (error) {
    if (error instanceof ConditionSyntaxFailure) return { message: error.message, offset: error.offset };
    throw error;
  }
}

/** Sigma identifier patterns: `*` is any run of characters, everything else literal. */
export function matchesPattern(pattern: string, name: string): boolean {
  const parts = pattern.split('*');
  if (parts.length === 1) return pattern === name;
  const first = parts[0] as string;
  const last = parts[parts.length - 1] as string;
  if (!name.startsWith(first) || name.length < first.length + last.length || !name.endsWith(last)) return false;
  let at = first.length;
  for (const middle of parts.slice(1, -1)) {
    const found = name.indexOf(middle, at);
    if (found < 0 || found + middle.length > name.length - last.length) return false;
    at = found + middle.length;
  }
  return true;
}
