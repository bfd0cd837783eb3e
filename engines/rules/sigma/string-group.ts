import type { ValueTest } from '../types.ts';
import { containsAny } from './contains-any.ts';

type StringTest = Extract<ValueTest, { op: 'equals' | 'contains' | 'startswith' | 'endswith' }>;
type Lists = { equals: Set<string>; contains: string[]; startswith: string[]; endswith: string[] };
type Matcher = { equals: Set<string>; contains: (text: string) => boolean; startswith: string[]; endswith: string[] };

export const isStringTest = (test: ValueTest): test is StringTest =>
  test.op === 'equals' || test.op === 'contains' || test.op === 'startswith' || test.op === 'endswith';

const emptyLists = (): Lists => ({ equals: new Set(), contains: [], startswith: [], endswith: [] });

const matcherOf = (lists: Lists): Matcher => ({ ...lists, contains: containsAny(lists.contains) });

function anyOf(text: string, lists: Matcher): boolean {
  if (lists.equals.has(text)) return true;
  if (lists.contains(text)) return true;
  for (const literal of lists.startswith) if (text.startsWith(literal)) return true;
  for (const literal of lists.endswith) if (text.endsWith(literal)) return true;
  return false;
}

/**
 * A field's string tests (a Sigma value list) as one check per value: equality through a set, the other operators in
 * tight loops, over the value as written (`|cased`) or lower-cased. Rules list dozens of values per field; running
 * them as one closure each cost more than the comparisons.
 */
export function stringGroup(tests: readonly StringTest[]): { cased: boolean; lowered: boolean; test: (text: string, lowered: string) => boolean } {
  const cased = emptyLists();
  const uncased = emptyLists();
  for (const test of tests) {
    const lists = test.cased ? cased : uncased;
    const value = test.cased ? test.value : test.value.toLowerCase();
    if (test.op === 'equals') lists.equals.add(value);
    else lists[test.op].push(value);
  }
  const hasCased = tests.some((test) => test.cased);
  const hasUncased = tests.some((test) => !test.cased);
  const casedMatcher = matcherOf(cased);
  const uncasedMatcher = matcherOf(uncased);
  return {
    cased: hasCased,
    lowered: hasUncased,
    test: (text, lowered) => (hasUncased && anyOf(lowered, uncasedMatcher)) || (hasCased && anyOf(text, casedMatcher)),
  };
}
