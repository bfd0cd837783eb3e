/**
 * A KQL string literal: double-quoted, with the backslash, the quote, tab and line ends escaped, so a value taken
 * from a question can never end the literal or add operators to the query. Other control characters have no KQL
 * escape we can rely on, and the recognisers never keep them, so meeting one is a programming error.
 */
export function kqlString(value: string): string {
  let out = '"';
  for (const char of value) {
    const code = char.codePointAt(0) ?? 0;
    if (char === '\\') out += '\\\\';
    else if (char === '"') out += '\\"';
    else if (char === '\n') out += '\\n';
    else if (char === '\r') out += '\\r';
    else if (char === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f) throw new RangeError(`control character U+${code.toString(16).padStart(4, '0')} in a KQL string`);
    else out += char;
  }
  return `${out}"`;
}

/** `("a", "b")`: the parenthesised list `in` and `has_any` take. */
export function kqlStringList(values: readonly string[]): string {
  return `(${values.map(kqlString).join(', ')})`;
}

/** `datetime(2026-12-04T00:00:00Z)` (whole seconds are written without milliseconds). */
export function kqlDatetime(at: Date): string {
  return `datetime(${at.toISOString().replace('.000Z', 'Z')})`;
}
