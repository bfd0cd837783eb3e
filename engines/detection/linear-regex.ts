import { RE2JS } from 're2js';

/**
 * Detection patterns run on re2js, a port of RE2: matching is an automaton walk, linear in the text for any pattern
 * and any input, so a hostile payload cannot make a pattern backtrack (ReDoS). RE2 has no lookaround and no
 * backreferences; compiling either throws, so such a pattern fails when its module loads rather than at match time.
 *
 * Sources use JavaScript regex syntax. `\s`, `\S` and `.` are rewritten to their JavaScript meaning, because RE2's
 * `\s` is only [\t\n\f\r ] (JavaScript also counts \v, NBSP, U+2000–U+200A, U+FEFF…, which payloads use to dodge
 * space-based patterns) and RE2's `.` also matches \r, U+2028 and U+2029.
 */
export type LinearFlags = '' | 'i';

/** JavaScript's \s: [\t\n\v\f\r ], NBSP, and the Unicode space separators, line/paragraph separators and BOM. */
const JS_SPACE_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0x09, 0x0d],
  [0x20, 0x20],
  [0xa0, 0xa0],
  [0x1680, 0x1680],
  [0x2000, 0x200a],
  [0x2028, 0x2029],
  [0x202f, 0x202f],
  [0x205f, 0x205f],
  [0x3000, 0x3000],
  [0xfeff, 0xfeff],
];
const hex = (n: number) => `\\x{${n.toString(16)}}`;
const classBody = (ranges: ReadonlyArray<readonly [number, number]>) => ranges.map(([a, b]) => (a === b ? hex(a) : `${hex(a)}-${hex(b)}`)).join('');
const nonSpaceRanges = (): Array<[number, number]> => {
  const out: Array<[number, number]> = [];
  let next = 0;
  for (const [a, b] of JS_SPACE_RANGES) {
    if (a > next) out.push([next, a - 1]);
    next = b + 1;
  }
  out.push([next, 0x10ffff]);
  return out;
};
const SPACE = classBody(JS_SPACE_RANGES);
// written as ranges (not [^…]) so it can also sit inside a bracket, as in [^\S\n]
const NON_SPACE = classBody(nonSpaceRanges());
const ANY_BUT_LINE_END = `[^${classBody([
  [0x0a, 0x0a],
  [0x0d, 0x0d],
  [0x2028, 0x2029],
])}]`;

const isHex4 = (s: string) => s.length === 4 && [...s].every((c) => '0123456789abcdefABCDEF'.includes(c));

/** The RE2 spelling of a JavaScript-syntax source (\uXXXX becomes \x{XXXX}). */
export function toRe2Syntax(source: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i] as string;
    if (c === '\\') {
      const escaped = source[++i] ?? '';
      if (escaped === 's') out += inClass ? SPACE : `[${SPACE}]`;
      else if (escaped === 'S') out += inClass ? NON_SPACE : `[^${SPACE}]`;
      else if (escaped === 'u' && isHex4(source.slice(i + 1, i + 5))) {
        out += `\\x{${source.slice(i + 1, i + 5)}}`;
        i += 4;
      } else out += `\\${escaped}`;
    } else if (inClass) {
      if (c === ']') inClass = false;
      out += c;
    } else {
      if (c === '[') {
        inClass = true;
        // a leading ] or ^] is a literal in RE2 but ends an empty class in JavaScript: keep the two from disagreeing
        if (source[i + 1] === ']' || source.startsWith('^]', i + 1)) throw new Error(`ambiguous character class in ${source}`);
      }
      out += c === '.' ? ANY_BUT_LINE_END : c;
    }
  }
  return out;
}

export type LinearOptions = {
  /**
   * RE2 has no backreferences: instead, the pattern captures both sides and a match counts only when the two groups
   * are equal (case-insensitively with the `i` flag). A failed candidate is retried from its next character, so a
   * candidate starting inside it is still found; this stays linear when a candidate can only start at a few places
   * inside another (the tautology patterns start at a quote or a keyword).
   */
  equalGroups?: readonly [number, number];
};

export class LinearRegex {
  /** As written (JavaScript syntax). */
  readonly source: string;
  readonly flags: LinearFlags;
  readonly options: LinearOptions;
  /** As compiled (RE2 syntax). */
  readonly re2Source: string;
  readonly engine: RE2JS;

  constructor(source: string, flags: LinearFlags = '', options: LinearOptions = {}) {
    this.source = source;
    this.flags = flags;
    this.options = options;
    this.re2Source = toRe2Syntax(source);
    this.engine = RE2JS.compile(this.re2Source, flags === 'i' ? RE2JS.CASE_INSENSITIVE : 0);
    const [a, b] = options.equalGroups ?? [0, 0];
    if (Math.max(a, b) > this.engine.groupCount()) throw new Error(`equalGroups ${a}, ${b} beyond the groups of ${source}`);
  }

  /** Whether the pattern matches anywhere in the text. */
  test(text: string): boolean {
    const groups = this.options.equalGroups;
    // the capture-free search is the fast one: most texts have no candidate at all and skip the capture search
    const found = this.engine.test(text);
    if (!groups || !found) return found;
    const fold = (s: string | null) => (this.flags === 'i' ? (s ?? '').toUpperCase() : (s ?? ''));
    const matcher = this.engine.matcher(text);
    for (let from = 0; from <= text.length && matcher.find(from); from = matcher.start() + 1) {
      if (fold(matcher.group(groups[0])) === fold(matcher.group(groups[1]))) return true;
    }
    return false;
  }

  /** The text with every match replaced (a replacer gets the match, then the groups, as with String.replace). */
  replaceAll(text: string, replacement: string | ((match: string, ...groups: string[]) => string)): string {
    return this.engine.matcher(text).replaceAll(typeof replacement === 'string' ? RE2JS.quoteReplacement(replacement) : replacement);
  }
}

/** A detection pattern on the linear-time engine (JavaScript regex syntax, see toRe2Syntax). */
export function linearRegex(source: string, flags: LinearFlags = '', options?: LinearOptions): LinearRegex {
  return new LinearRegex(source, flags, options);
}

/** The source of a pattern matching `text` literally. */
export function escapeLinear(text: string): string {
  return RE2JS.quote(text);
}
