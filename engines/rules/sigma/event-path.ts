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
const collectors = new Map<FieldPath, (root: unknown) => readonly unknown[]>();
let currentRoot: unknown = null;
let generation = 0;

/** The values at a dotted path of the root: one collector per path, shared by all rules, kept until another root is read. */
function pathValues(path: FieldPath): (root: unknown) => readonly unknown[] {
  const known = collectors.get(path);
  if (known) return known;
  const collect = valueCollector(path);
  let seen = -1;
  let values: unknown[] = [];
  const valuesOf = (root: unknown) => {
    if (root !== currentRoot) {
      currentRoot = root;
      generation++;
    }
    if (seen !== generation) {
      values = [];
      collect(root, values);
      seen = generation;
    }
    return values;
  };
  collectors.set(path, valuesOf);
  return valuesOf;
}

/**
 * A reader for a dotted path (types.ts FieldPath): at each level the longest existing key made of the next segments
 * wins (`raw.id.orig_h` finds Zeek's flat `"id.orig_h"`), and an array on the way is walked element by element.
 */
export function pathReader(path: FieldPath): PathReader {
  const valuesOf = pathValues(path);
  return (root, visit) => {
    for (const value of valuesOf(root)) if (visit(value)) return true;
    return false;
  };
}

/**
 * A reader over several paths (a field mapped to more than one place): any of them. A string already visited at an
 * earlier path is not visited again: Windows command lines are both `attributes.win.CommandLine` and
 * `processCommandLine`, and a visitor's answer depends on the value alone.
 */
export function pathsReader(paths: readonly FieldPath[]): PathReader {
  if (paths.length === 1) return pathReader(paths[0] as FieldPath);
  const valuesOf = paths.map(pathValues);
  const seenBefore = (root: unknown, value: unknown, before: number) => {
    if (typeof value !== 'string') return false;
    for (let path = 0; path < before; path++) if ((valuesOf[path] as (root: unknown) => readonly unknown[])(root).includes(value)) return true;
    return false;
  };
  return (root, visit) => {
    for (let path = 0; path < valuesOf.length; path++)
      for (const value of (valuesOf[path] as (root: unknown) => readonly unknown[])(root)) if (!seenBefore(root, value, path) && visit(value)) return true;
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
