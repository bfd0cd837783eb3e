import { RE2JS } from 're2js';

/**
 * A whole-word test on re2js (RE2: linear in the input for any pattern), for the patterns applied to the caller's
 * words. Compiled once at load.
 */
export function wholeWord(pattern: string, caseInsensitive = false): (word: string) => boolean {
  const compiled = RE2JS.compile(pattern, caseInsensitive ? RE2JS.CASE_INSENSITIVE : 0);
  return (word) => compiled.matches(word);
}
