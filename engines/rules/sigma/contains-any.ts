/** From this many literals on, one walk over the text beats one search per literal. */
const INDEXED_FROM = 8;
const ASCII = 128;

const pairKey = (text: string, at: number) => text.charCodeAt(at) * 0x10000 + text.charCodeAt(at + 1);

/** Whether any literal is in the text, one search per literal. */
function searchEach(literals: readonly string[]): (text: string) => boolean {
  return (text) => {
    for (const literal of literals) if (text.includes(literal)) return true;
    return false;
  };
}

/**
 * Whether any literal is in the text, in one walk: each position whose first two characters begin some literal tries
 * only those literals. Rules list hundreds of values per field (every emoji); searching for each one was most of the
 * time a Windows event spent in its rules.
 */
export function containsAny(literals: readonly string[]): (text: string) => boolean {
  if (literals.includes('')) return () => true;
  if (literals.length < INDEXED_FROM) return searchEach(literals);
  const singles = new Set<number>();
  const byPair = new Map<number, string[]>();
  const startsSome = new Uint8Array(ASCII);
  for (const literal of new Set(literals)) {
    const first = literal.charCodeAt(0);
    if (first < ASCII) startsSome[first] = 1;
    if (literal.length === 1) singles.add(first);
    else {
      const key = pairKey(literal, 0);
      const list = byPair.get(key);
      if (list) list.push(literal);
      else byPair.set(key, [literal]);
    }
  }
  return (text) => {
    for (let at = 0; at < text.length; at++) {
      const c = text.charCodeAt(at);
      if (c < ASCII && startsSome[c] === 0) continue;
      if (singles.has(c)) return true;
      const list = at + 1 < text.length ? byPair.get(pairKey(text, at)) : undefined;
      if (list !== undefined) for (const literal of list) if (text.startsWith(literal, at)) return true;
    }
    return false;
  };
}
