import type { FieldPath } from '../types.ts';

/** Called with each value found at a path; returning true stops the walk (the answer is known). */
export type ValueVisitor = (value: unknown) => boolean;
/** Walks the values at one path of an event; true when a visitor call returned true. */
export type PathReader = (root: unknown, visit: ValueVisitor) => boolean;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The leaf values at a path of one value: the longest existing key wins at each level, arrays are walked. */
function valueCollector(path: FieldPath): (root: unknown, out: unknown[]) => void {
  const segments = path.split('.');
  const count = segments.length;
  // keysFrom[i] = the keys starting at segment i, longest first, with the index after each
  const keysFrom = segments.map((_, start) => {
    const keys: Array<{ key: string; next: number }> = [];
    for (let end = count; end > start; end--) keys.push({ key: segments.slice(start, end).join('.'), next: end });
    return keys;
  });
  const walk = (value: unknown, index: number, out: unknown[]): void => {
    if (index === count) {
      out.push(value);
      return;
    }
    if (Array.isArray(value)) {
      for (const element of value) walk(element, index, out);
      return;
    }
    if (!isRecord(value)) return;
    for (const { key, next } of keysFrom[index] as Array<{ key: string; next: number }>) {
      if (Object.hasOwn(value, key)) {
        walk(value[key], next, out);
        return;
      }
    }
  };
  return (root, out) => walk(root, 0, out);
}

// Rules of a rule set run one after the other on the same event and read the same few paths
// (CommandLine, Image, EventID…): each path is walked once per event, for every rule.
const readers = new Map<FieldPath, PathReader>();
let currentRoot: unknown = null;
let generation = 0;

/**
 * A reader for a dotted path (types.ts FieldPath): at each level the longest existing key made of the next segments
 * wins (`raw.id.orig_h` finds Zeek's flat `"id.orig_h"`), and an array on the way is walked element by element. One
 * reader per path, shared by all rules; the values it found are kept until another root is read.
 */
export function pathReader(path: FieldPath): PathReader {
  const known = readers.get(path);
  if (known) return known;
  const collect = valueCollector(path);
  let seen = -1;
  let values: unknown[] = [];
  const reader: PathReader = (root, visit) => {
    if (root !== currentRoot) {
      currentRoot = root;
      generation++;
    }
    if (seen !== generation) {
      values = [];
      collect(root, values);
      seen = generation;
    }
    for (const value of values) if (visit(value)) return true;
    return false;
  };
  readers.set(path, reader);
  return reader;
}

/** A reader over several paths (a field mapped to more than one place): any of them. */
export function pathsReader(paths: readonly FieldPath[]): PathReader {
  const readers = paths.map(pathReader);
  if (readers.length === 1) return readers[0] as PathReader;
  return (root, visit) => {
    for (const reader of readers) if (reader(root, visit)) return true;
    return false;
  };
}

const MAX_KEYWORD_DEPTH = 16;

/** Every string under a value (objects and arrays walked, depth-capped against hostile nesting), appended to `out`. */
export function collectStrings(value: unknown, out: string[], depth = 0): void {
  if (typeof value === 'string') out.push(value);
  else if (depth >= MAX_KEYWORD_DEPTH || typeof value !== 'object' || value === null) return;
  else if (Array.isArray(value)) for (const element of value) collectStrings(element, out, depth + 1);
  else for (const key in value) if (Object.hasOwn(value, key)) collectStrings((value as Record<string, unknown>)[key], out, depth + 1);
}
