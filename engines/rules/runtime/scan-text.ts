import { NON_ASCII_MARKER } from '../sigma/prefilter.ts';
import type { RuleEvent } from '../types.ts';

// biome-ignore lint/suspicious/noControlCharactersInRegex: the range is every ASCII character, controls included
const NON_ASCII = /[^\x00-\x7f]/;

/** Outside printable ASCII: prefilter literals never contain these characters (prefilter.ts keeps printable ASCII runs). */
const NOT_PRINTABLE_ASCII = /[^\x20-\x7e]/g;
export const SCAN_SEPARATOR = '\n';

/**
 * Every string under a value, with no depth limit: field paths walk arrays without consuming a segment, so no depth
 * bound is safe. An explicit stack keeps hostile nesting from overflowing the call stack.
 */
function appendStrings(root: unknown, out: Set<string>, minLength: number): void {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value === 'string') {
      if (value.length >= minLength) out.add(value);
    } else if (Array.isArray(value)) {
      for (const element of value) stack.push(element);
    } else if (typeof value === 'object' && value !== null && !(value instanceof Date)) {
      for (const key in value) if (Object.hasOwn(value, key)) stack.push((value as Record<string, unknown>)[key]);
    }
  }
}

/**
 * The text the literal prefilter scans for one event: every distinct string of the event (columns, message,
 * attributes, raw) lower-cased exactly as the predicates lower-case them, joined by a separator no literal contains.
 * Characters outside printable ASCII become the separator too: an ASCII literal that occurs in a lower-cased value
 * still occurs here at the same place, and the automaton only ever sees ASCII.
 */
export function eventScanText(event: RuleEvent, minLength: number): string {
  const strings = new Set<string>();
  appendStrings(event, strings, minLength);
  let joined = '';
  for (const text of strings) joined += text + SCAN_SEPARATOR;
  const lowered = joined.toLowerCase();
  const marker = NON_ASCII.test(lowered) ? NON_ASCII_MARKER + SCAN_SEPARATOR : '';
  return lowered.replace(NOT_PRINTABLE_ASCII, SCAN_SEPARATOR) + marker;
}
