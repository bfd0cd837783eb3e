import type { Span } from '../ast.ts';
import { type KqlDiagnostic, KqlError } from '../diagnostics.ts';
import { describeToken, type Token } from '../tokens.ts';

/** The parser's position in the token list, plus what it has learned so far (unsupported constructs, scalar `let` names). */
export class Cursor {
  pos = 0;
  /** Valid KQL the engine does not run, in source order; `parseKql` throws the first unless told otherwise. */
  readonly unsupported: KqlDiagnostic[] = [];
  /** Names bound by scalar `let`s: a bare one of these is a scalar, not a table. */
  readonly scalarLets = new Set<string>();
  /** Names bound by `let F = view () { … }`: `F()` is then the table `F`. */
  readonly tabularFunctions = new Set<string>();
  /** Names bound by `let f = (params) { … }`, by the kind of their body: a tabular one is called as a source. */
  readonly functions = new Map<string, 'scalar' | 'tabular'>();
  /** Inside a `search` predicate, where `Column:"term"` means `Column has "term"`. */
  inSearch = false;

  readonly tokens: Token[];
  readonly text: string;

  constructor(tokens: Token[], text: string) {
    this.tokens = tokens;
    this.text = text;
  }

  /** Binds `name` for the statements that follow, forgetting what it meant before. */
  bind(name: string, meaning: 'scalar' | 'tabular' | 'view' | 'scalar-function' | 'tabular-function'): void {
    this.scalarLets.delete(name);
    this.tabularFunctions.delete(name);
    this.functions.delete(name);
    if (meaning === 'scalar') this.scalarLets.add(name);
    else if (meaning === 'view') this.tabularFunctions.add(name);
    else if (meaning === 'scalar-function') this.functions.set(name, 'scalar');
    else if (meaning === 'tabular-function') this.functions.set(name, 'tabular');
  }

  /** Opens a scope (a function body): the returned function restores the names bound before it. */
  openScope(): () => void {
    const scalars = new Set(this.scalarLets);
    const views = new Set(this.tabularFunctions);
    const functions = new Map(this.functions);
    return () => {
      this.scalarLets.clear();
      for (const name of scalars) this.scalarLets.add(name);
      this.tabularFunctions.clear();
      for (const name of views) this.tabularFunctions.add(name);
      this.functions.clear();
      for (const [name, kind] of functions) this.functions.set(name, kind);
    };
  }

  peek(offset = 0): Token {
    return this.tokens[Math.min(this.pos + offset, this.tokens.length - 1)] as Token;
  }

  next(): Token {
    const token = this.peek();
    if (token.kind !== 'eof') this.pos++;
    return token;
  }

  get atEnd(): boolean {
    return this.peek().kind === 'eof';
  }

  /** The current token is the operator/punctuation `text`. */
  isOp(text: string, offset = 0): boolean {
    const token = this.peek(offset);
    return token.kind === 'op' && token.text === text;
  }

  /** The current token is the (case-sensitive) identifier or keyword `text`. */
  isName(text: string, offset = 0): boolean {
    const token = this.peek(offset);
    return token.kind === 'name' && token.text === text;
  }

  acceptOp(text: string): Token | null {
    return this.isOp(text) ? this.next() : null;
  }

  acceptName(text: string): Token | null {
    return this.isName(text) ? this.next() : null;
  }

  expectOp(text: string): Token {
    return this.acceptOp(text) ?? this.fail([`'${text}'`]);
  }

  expectName(text: string): Token {
    return this.acceptName(text) ?? this.fail([`'${text}'`]);
  }

  /** A column or table name: an identifier or a bracketed string (`['Account Name']`). */
  expectIdentifier(what = 'a name'): { name: string; span: Span } {
    const token = this.peek();
    if (token.kind === 'name') {
      this.next();
      return { name: token.text, span: this.spanFrom(token) };
    }
    if (this.isOp('[') && this.peek(1).kind === 'string' && this.isOp(']', 2)) {
      const open = this.next();
      const name = this.next().value as string;
      this.next();
      return { name, span: this.spanFrom(open) };
    }
    return this.fail([what]);
  }

  /** From `start` to the end of the last consumed token. */
  spanFrom(start: Token): Span {
    const last = this.tokens[Math.max(this.pos - 1, 0)] as Token;
    const end = Math.max(last.end, start.end);
    return { start: start.start, end, line: start.line, column: start.column };
  }

  /** SYNTAX_ERROR at the current token: `expected ')' at line 2, column 14, found 'where'`. */
  fail(expected: string[], token: Token = this.peek()): never {
    const what = expected.length === 1 ? expected[0] : `${expected.slice(0, -1).join(', ')} or ${expected[expected.length - 1]}`;
    throw new KqlError({
      type: 'SYNTAX_ERROR',
      message: `expected ${what} at line ${token.line}, column ${token.column}, found ${describeToken(token)}`,
      span: { start: token.start, end: Math.max(token.end, token.start), line: token.line, column: token.column },
      expected,
    });
  }

  /** Records valid KQL the engine does not run; the parse continues. */
  unsupportedAt(construct: string, span: Span, why = 'is valid KQL that Vigil does not run'): void {
    this.unsupported.push({
      type: 'UNSUPPORTED_OPERATOR',
      message: `'${construct}' ${why} (line ${span.line}, column ${span.column})`,
      span,
      construct,
    });
  }

  /**
   * Skips tokens up to the next `|` (unless `stopAtPipe` is false), `;` or unmatched closing bracket at nesting depth 0
   * (strings are single tokens, so a `|` inside one never stops it). Used for the arguments of operators we recognise
   * but do not run; a bracket left open at the end of the query is a SYNTAX_ERROR, as in Kusto.
   */
  skipToBoundary(stopAtPipe = true): void {
    const closers: string[] = [];
    for (;;) {
      const token = this.peek();
      if (token.kind === 'eof') {
        const open = closers[closers.length - 1];
        if (open) this.fail([`'${open}'`]);
        return;
      }
      if (token.kind === 'op') {
        const t = token.text;
        if (t === '(') closers.push(')');
        else if (t === '[') closers.push(']');
        else if (t === '{') closers.push('}');
        else if (t === ')' || t === ']' || t === '}') {
          if (closers.length === 0) return;
          const expected = closers.pop();
          if (expected !== t) this.fail([`'${expected}'`]);
        } else if (closers.length === 0 && (t === ';' || (stopAtPipe && t === '|'))) return;
      }
      this.next();
    }
  }

  /** Skips a balanced bracket group starting at the current `(`/`[`/`{`, whatever it holds. */
  skipGroup(): void {
    const open = this.next().text;
    const close = open === '(' ? ')' : open === '[' ? ']' : '}';
    const closers = [close];
    for (;;) {
      const token = this.peek();
      if (token.kind === 'eof') this.fail([`'${closers[closers.length - 1]}'`]);
      this.next();
      if (token.kind !== 'op') continue;
      const t = token.text;
      if (t === '(') closers.push(')');
      else if (t === '[') closers.push(']');
      else if (t === '{') closers.push('}');
      else if (t === ')' || t === ']' || t === '}') {
        const expected = closers.pop();
        if (expected !== t) this.fail([`'${expected}'`], token);
        if (closers.length === 0) return;
      }
    }
  }

  /** Index of the token closing the bracket at `index` (or the eof token). */
  matchingClose(index: number): number {
    let depth = 0;
    for (let i = index; i < this.tokens.length; i++) {
      const token = this.tokens[i] as Token;
      if (token.kind === 'eof') return i;
      if (token.kind !== 'op') continue;
      if (token.text === '(' || token.text === '[' || token.text === '{') depth++;
      else if (token.text === ')' || token.text === ']' || token.text === '}') {
        depth--;
        if (depth === 0) return i;
      }
    }
    return this.tokens.length - 1;
  }

  /** Whether the bracket group opened at token `open` is closed and holds a `|` at its own depth: `(T | count)`. */
  pipeInsideGroup(open: number): boolean {
    const close = this.tokens[this.matchingClose(open)] as Token;
    return close.kind === 'op' && close.text === ')' && this.pipeAhead(open + 1);
  }

  /** Whether a `|` appears at depth 0 between token `from` and the next `;`/unmatched close/end. */
  pipeAhead(from = this.pos): boolean {
    let depth = 0;
    for (let i = from; i < this.tokens.length; i++) {
      const token = this.tokens[i] as Token;
      if (token.kind === 'eof') return false;
      if (token.kind !== 'op') continue;
      const t = token.text;
      if (t === '(' || t === '[' || t === '{') depth++;
      else if (t === ')' || t === ']' || t === '}') {
        if (depth === 0) return false;
        depth--;
      } else if (depth === 0 && t === ';') return false;
      else if (depth === 0 && t === '|') return true;
    }
    return false;
  }
}
