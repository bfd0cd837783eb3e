/** A state with at least this many transitions gets a dense row (the root and the busy shallow states). */
const DENSE_FROM = 6;
const ASCII = 128;

/** Finds which patterns occur in a text. */
export type AsciiAutomaton = {
  /** appends to `found` the index of every pattern that occurs in `text`, each once */
  scan(text: string, found: number[]): void;
};

type Trie = { edges: Array<Map<number, number>>; terminal: number[] };

function buildTrie(patterns: readonly string[]): Trie {
  const edges: Array<Map<number, number>> = [new Map()];
  const terminal: number[] = [-1];
  patterns.forEach((pattern, index) => {
    let state = 0;
    for (let i = 0; i < pattern.length; i++) {
      const c = pattern.charCodeAt(i);
      let next = (edges[state] as Map<number, number>).get(c);
      if (next === undefined) {
        next = edges.length;
        edges.push(new Map());
        terminal.push(-1);
        (edges[state] as Map<number, number>).set(c, next);
      }
      state = next;
    }
    terminal[state] = index;
  });
  return { edges, terminal };
}

/**
 * Aho-Corasick over ASCII patterns, in typed arrays: busy states have dense rows, the rest short edge lists; each
 * state links to the nearest state whose pattern ends there (dictionary link), and a state already reported in this
 * scan stops the walk along those links, so reporting costs O(distinct patterns found), however often they occur.
 * Characters above 127 never match (the caller hands over ASCII text).
 */
export function buildAsciiAutomaton(patterns: readonly string[]): AsciiAutomaton {
  for (const pattern of patterns)
    if (pattern === '' || [...pattern].some((c) => c.charCodeAt(0) >= ASCII)) throw new Error(`not an ASCII pattern: ${JSON.stringify(pattern)}`);
  const { edges, terminal } = buildTrie(patterns);
  const count = edges.length;

  const edgeStart = new Int32Array(count + 1);
  for (let state = 0; state < count; state++) edgeStart[state + 1] = (edgeStart[state] as number) + (edges[state] as Map<number, number>).size;
  const edgeChar = new Uint8Array(edgeStart[count] as number);
  const edgeTarget = new Int32Array(edgeStart[count] as number);
  const denseRow = new Int32Array(count).fill(-1);
  const denseStates = edges.flatMap((map, state) => (map.size >= DENSE_FROM || state === 0 ? [state] : []));
  const dense = new Int32Array(denseStates.length * ASCII).fill(-1);
  denseStates.forEach((state, row) => {
    denseRow[state] = row;
  });
  edges.forEach((map, state) => {
    let at = edgeStart[state] as number;
    for (const [c, target] of map) {
      edgeChar[at] = c;
      edgeTarget[at++] = target;
      const row = denseRow[state] as number;
      if (row >= 0) dense[row * ASCII + c] = target;
    }
  });

  const goto = (state: number, c: number): number => {
    const row = denseRow[state] as number;
    if (row >= 0) return dense[row * ASCII + c] as number;
    for (let at = edgeStart[state] as number, end = edgeStart[state + 1] as number; at < end; at++) if (edgeChar[at] === c) return edgeTarget[at] as number;
    return -1;
  };

  const fail = new Int32Array(count);
  const output = new Int32Array(count).fill(-1);
  const dictionary = new Int32Array(count).fill(-1);
  const queue: number[] = [];
  for (const target of (edges[0] as Map<number, number>).values()) queue.push(target);
  for (let head = 0; head < queue.length; head++) {
    const state = queue[head] as number;
    const link = fail[state] as number;
    dictionary[state] = (terminal[link] as number) >= 0 ? link : (dictionary[link] as number);
    output[state] = (terminal[state] as number) >= 0 ? state : (dictionary[state] as number);
    for (const [c, target] of edges[state] as Map<number, number>) {
      let candidate = link;
      let next = goto(candidate, c);
      while (next < 0 && candidate !== 0) {
        candidate = fail[candidate] as number;
        next = goto(candidate, c);
      }
      fail[target] = next >= 0 && next !== target ? next : 0;
      queue.push(target);
    }
  }

  const reported = new Uint32Array(count);
  let scanNumber = 0;
  return {
    scan(text, found) {
      scanNumber = (scanNumber + 1) >>> 0;
      if (scanNumber === 0) {
        reported.fill(0);
        scanNumber = 1;
      }
      let state = 0;
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c >= ASCII) {
          state = 0;
          continue;
        }
        let next = goto(state, c);
        while (next < 0 && state !== 0) {
          state = fail[state] as number;
          next = goto(state, c);
        }
        state = next < 0 ? 0 : next;
        for (let hit = output[state] as number; hit >= 0 && reported[hit] !== scanNumber; hit = dictionary[hit] as number) {
          reported[hit] = scanNumber;
          found.push(terminal[hit] as number);
        }
      }
    },
  };
}
