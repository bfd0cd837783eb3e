const WHITESPACE = new Set([' ', '\t', '\n', '\r']);

/**
 * Fluent Bit's `json_stream` output writes records back to back with no separator (`{…}{…}`), which is
 * not one JSON text. This splits such a text into its top-level objects or arrays; it returns null when the
 * text is not such a stream (anything but whitespace between values, an unterminated value, a piece that
 * does not parse), so the caller can report the body or line as it would any invalid JSON.
 */
export function splitConcatenatedJson(text: string): unknown[] | null {
  const values: unknown[] = [];
  let depth = 0;
  let inString = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const char = text[i] as string;
    if (inString) {
      if (char === '\\') i++;
      else if (char === '"') inString = false;
    } else if (depth === 0) {
      if (char === '{' || char === '[') {
        start = i;
        depth = 1;
      } else if (!WHITESPACE.has(char)) return null;
    } else if (char === '"') inString = true;
    else if (char === '{' || char === '[') depth++;
    else if (char === '}' || char === ']') {
      depth--;
      if (depth === 0) {
        const value = parseOrUndefined(text.slice(start, i + 1));
        if (value === undefined) return null;
        values.push(value);
      }
    }
  }
  return depth === 0 && values.length > 0 ? values : null;
}

function parseOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
