import { RE2JS } from 're2js';
import type { Span } from '../ast.ts';
import { KqlError } from '../diagnostics.ts';
import { unsupported } from './errors.ts';

export type LuceneRegex = { pattern: string; caseInsensitive: boolean };

const SPACE_CLASS = ' \t\n\r\f';
const SHORTHAND: Record<string, string> = { d: '0-9', w: 'A-Za-z0-9_', s: SPACE_CLASS };
const NEGATED_SHORTHAND: Record<string, string> = { D: '0-9', W: 'A-Za-z0-9_', S: SPACE_CLASS };
const CONTROL: Record<string, string> = { n: '\n', t: '\t', r: '\r', f: '\f' };
/** Characters Lucene's regexp syntax reserves that RE2 reads literally. */
const LUCENE_ONLY_OPERATORS = new Set(['"', '#', '@', '&', '<', '>', '~']);

/**
 * `matches regex` on OpenSearch: the pattern must first compile on re2js (RE2 semantics, linear time), then it is
 * rewritten into Lucene's regexp dialect, which is always anchored and automaton-based (also linear). Only the common
 * subset is rewritten: literals, `.`, classes, `\d \w \s` and their negations, groups, alternation, quantifiers, `^`
 * at the start, `$` at the end and a leading `(?i)`. Anything else (`\b`, `\p{…}`, inner flags…) is refused by name.
 */
export function toLuceneRegex(source: string, span: Span): LuceneRegex {
  try {
    RE2JS.compile(source);
  } catch (error) {
    throw new KqlError({ type: 'TYPE_ERROR', span, message: `Invalid regular expression (RE2 syntax): ${(error as Error).message}` });
  }
  let body = source;
  let caseInsensitive = false;
  if (body.startsWith('(?i)')) {
    caseInsensitive = true;
    body = body.slice(4);
  }
  const anchoredStart = body.startsWith('^');
  if (anchoredStart) body = body.slice(1);
  const anchoredEnd = body.endsWith('$') && !body.endsWith('\\$');
  if (anchoredEnd) body = body.slice(0, -1);
  const translated = translate(body, span);
  const pattern = `${anchoredStart ? '' : '.*'}(${translated})${anchoredEnd ? '' : '.*'}`;
  return { pattern, caseInsensitive };
}

function translate(body: string, span: Span): string {
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const char = body[i] as string;
    if (char === '\\') {
      const next = body[i + 1] ?? '';
      out += escapeOutsideClass(next, span);
      i += 1;
    } else if (char === '[') {
      const end = classEnd(body, i, span);
      out += translateClass(body.slice(i + 1, end), span);
      i = end;
    } else if (char === '(' && body[i + 1] === '?') {
      const named = /^\(\?P?<[A-Za-z_][A-Za-z0-9_]*>/.exec(body.slice(i));
      if (body[i + 2] === ':') i += 2;
      else if (named) i += named[0].length - 1;
      else throw unsupported('regex flags inside the pattern', span, 'only a leading (?i) is translated to OpenSearch');
      out += '(';
    } else if ((char === '*' || char === '+' || char === '?' || char === '}') && body[i + 1] === '?') {
      out += char; // a lazy quantifier matches the same strings; only the match boundaries differ
      i += 1;
    } else if (char === '^' || char === '$') {
      throw unsupported(`regex anchor ${char} inside the pattern`, span, 'OpenSearch patterns are anchored only at their ends');
    } else if (char === '.') {
      out += '[^\n]';
    } else if (LUCENE_ONLY_OPERATORS.has(char)) {
      out += `\\${char}`;
    } else {
      out += char;
    }
  }
  return out;
}

function escapeOutsideClass(next: string, span: Span): string {
  if (SHORTHAND[next] !== undefined) return `[${SHORTHAND[next]}]`;
  if (NEGATED_SHORTHAND[next] !== undefined) return `[^${NEGATED_SHORTHAND[next]}]`;
  if (CONTROL[next] !== undefined) return CONTROL[next];
  if (/^[A-Za-z0-9]$/.test(next)) throw unsupported(`regex escape \\${next}`, span, 'it has no equivalent in OpenSearch regexp syntax');
  return `\\${next}`;
}

function classEnd(body: string, start: number, span: Span): number {
  let i = start + 1;
  if (body[i] === '^') i += 1;
  if (body[i] === ']') i += 1;
  for (; i < body.length; i++) {
    if (body[i] === '\\') i += 1;
    else if (body[i] === '[') throw unsupported('regex POSIX or nested class', span, 'it has no equivalent in OpenSearch regexp syntax');
    else if (body[i] === ']') return i;
  }
  throw new KqlError({ type: 'TYPE_ERROR', span, message: 'Invalid regular expression: unterminated character class' });
}

function translateClass(inner: string, span: Span): string {
  let out = '';
  for (let i = 0; i < inner.length; i++) {
    const char = inner[i] as string;
    if (char !== '\\') {
      out += LUCENE_ONLY_OPERATORS.has(char) ? `\\${char}` : char;
      continue;
    }
    const next = inner[i + 1] ?? '';
    i += 1;
    if (SHORTHAND[next] !== undefined) out += SHORTHAND[next];
    else if (CONTROL[next] !== undefined) out += CONTROL[next];
    else if (/^[A-Za-z0-9]$/.test(next)) throw unsupported(`regex escape \\${next} in a class`, span, 'it has no equivalent in OpenSearch regexp syntax');
    else out += `\\${next}`;
  }
  return `[${out}]`;
}
