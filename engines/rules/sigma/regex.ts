import { RE2JS } from 're2js';

export type RegexFlags = { i: boolean; m: boolean; s: boolean };

/**
 * A rule's regex on re2js (RE2 syntax, linear in the input for any pattern). PCRE constructs RE2 lacks (lookaround,
 * backreferences, possessive and atomic groups) fail here, at compile time, with RE2's message.
 */
export function compileRegex(pattern: string, flags: RegexFlags): { regex: RE2JS } | { error: string } {
  const bits = (flags.i ? RE2JS.CASE_INSENSITIVE : 0) | (flags.m ? RE2JS.MULTILINE : 0) | (flags.s ? RE2JS.DOTALL : 0);
  try {
    return { regex: RE2JS.compile(pattern, bits) };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

const PLAIN = /^[A-Za-z0-9 _"'<>@#%&=,;:~`-]$/;

/** The RE2 source matching `text` literally; bytes and non-ASCII characters as `\x{…}` so byte strings stay readable. */
export function escapeRegexText(text: string): string {
  let out = '';
  for (const c of text) {
    const code = c.codePointAt(0) as number;
    if (PLAIN.test(c)) out += c;
    else if (code > 0x20 && code < 0x7f) out += `\\${c}`;
    else out += `\\x{${code.toString(16)}}`;
  }
  return out;
}
