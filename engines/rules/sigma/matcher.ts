import type { Condition, FieldPath, RuleEvent, ValueTest } from '../types.ts';
import { collectStrings, type PathReader, pathReader, pathsReader } from './event-path.ts';
import { compareStrings, type EvalState, lowerOf, type ScalarTest, scalarTest, textOf } from './scalar-tests.ts';
import { isStringTest, stringGroup } from './string-group.ts';

export type Predicate = (state: EvalState) => boolean;

/** Calls `test` on the value, or on each element of an array (nested arrays flattened). */
function anyScalar(value: unknown, test: (scalar: unknown) => boolean): boolean {
  if (!Array.isArray(value)) return test(value);
  for (const element of value) if (anyScalar(element, test)) return true;
  return false;
}

const isEmpty = (value: unknown): boolean => value === null || value === undefined || value === '' || (Array.isArray(value) && value.every(isEmpty));

function fieldrefTest(read: PathReader, test: Extract<ValueTest, { op: 'fieldref' }>): Predicate {
  const readOther = pathsReader(test.paths);
  let state: EvalState;
  let mine = '';
  const sameAsMine = (other: unknown) => {
    const text = textOf(other);
    if (text === null) return false;
    return compareStrings(test.mode, mine, test.cased ? text : lowerOf(state, text));
  };
  const visitOther = (other: unknown) => anyScalar(other, sameAsMine);
  const visitMine = (value: unknown) =>
    anyScalar(value, (scalar) => {
      const text = textOf(scalar);
      if (text === null) return false;
      mine = test.cased ? text : lowerOf(state, text);
      return readOther(state.event, visitOther);
    });
  return (current) => {
    state = current;
    return read(current.event, visitMine);
  };
}

/**
 * `|exists` at one path. A RuleEvent column (a path without a dot) is null when the parser found no value, so there
 * null means absent; inside attributes and raw a null value is a field that exists (sigma-appendix-modifiers.md).
 */
function presentAt(path: FieldPath): PathReader {
  const read = pathReader(path);
  const present = path.includes('.') ? (value: unknown) => value !== undefined : (value: unknown) => value !== undefined && value !== null;
  return (root) => read(root, present);
}

/** The test of a whole field: null / exists / fieldref look at all its values at once. */
function fieldLevelTest(read: PathReader, paths: readonly FieldPath[], test: ValueTest): Predicate {
  if (test.op === 'exists') {
    const readers = paths.map(presentAt);
    return (state) => readers.some((reader) => reader(state.event, () => true)) === test.value;
  }
  if (test.op === 'null') {
    const filled = (value: unknown) => !isEmpty(value);
    return (state) => !read(state.event, filled);
  }
  if (test.op === 'fieldref') return fieldrefTest(read, test);
  throw new Error(`${test.op} is a per-value test`);
}

/** One scalar test over every value at the field's paths. */
function scalarOverField(read: PathReader, tests: ScalarTest[]): Predicate {
  let state: EvalState;
  const passes = (scalar: unknown) => {
    for (const test of tests) if (test(scalar, state)) return true;
    return false;
  };
  const visit = (value: unknown) => anyScalar(value, passes);
  return (current) => {
    state = current;
    return read(current.event, visit);
  };
}

function fieldPredicate(condition: Extract<Condition, { type: 'field' }>): Predicate {
  const read = pathsReader(condition.paths);
  if (condition.mode === 'all') {
    const each = condition.tests.map((test) => {
      const scalar = scalarTest(test);
      return scalar ? scalarOverField(read, [scalar]) : fieldLevelTest(read, condition.paths, test);
    });
    return (state) => each.every((predicate) => predicate(state));
  }
  // any: one walk over the values runs every per-value test; string lists as one grouped check per value
  const strings = condition.tests.filter(isStringTest);
  const group = strings.length > 0 ? stringGroup(strings) : null;
  const others = condition.tests.filter((test) => !isStringTest(test));
  const scalars = others.flatMap((test) => scalarTest(test) ?? []);
  if (group) {
    scalars.unshift((value, state) => {
      const text = textOf(value);
      return text !== null && group.test(text, group.lowered ? lowerOf(state, text) : text);
    });
  }
  const wholes = others.flatMap((test) => (scalarTest(test) ? [] : [fieldLevelTest(read, condition.paths, test)]));
  const overValues = scalars.length > 0 ? scalarOverField(read, scalars) : null;
  return (state) => {
    if (overValues?.(state)) return true;
    for (const whole of wholes) if (whole(state)) return true;
    return false;
  };
}

/** Sigma keyword search: the message and every string under raw and attributes, gathered once per call. */
export function keywordTexts(state: EvalState): string[] {
  if (!state.keywordsCollected) {
    state.keywordsCollected = true;
    state.keywordTexts.length = 0;
    const event = state.event as Partial<RuleEvent>;
    if (typeof event.message === 'string') state.keywordTexts.push(event.message);
    collectStrings(event.raw, state.keywordTexts);
    collectStrings(event.attributes, state.keywordTexts);
  }
  return state.keywordTexts;
}

function keywordPredicate(condition: Extract<Condition, { type: 'keyword' }>): Predicate {
  const tests = condition.tests.map((test) => {
    const scalar = scalarTest(test);
    if (!scalar) throw new Error(`${test.op} cannot be a keyword test`);
    return scalar;
  });
  const anyText = (state: EvalState, test: ScalarTest) => {
    for (const text of keywordTexts(state)) if (test(text, state)) return true;
    return false;
  };
  if (condition.mode === 'all') return (state) => tests.every((test) => anyText(state, test));
  return (state) => {
    for (const text of keywordTexts(state)) for (const test of tests) if (test(text, state)) return true;
    return false;
  };
}

/** Compiles a Condition into a closure tree once; literals are lower-cased and regexes compiled here. */
export function compilePredicate(condition: Condition): Predicate {
  switch (condition.type) {
    case 'and': {
      const items = condition.items.map(compilePredicate);
      return (state) => {
        for (const item of items) if (!item(state)) return false;
        return true;
      };
    }
    case 'or': {
      const items = condition.items.map(compilePredicate);
      return (state) => {
        for (const item of items) if (item(state)) return true;
        return false;
      };
    }
    case 'not': {
      const item = compilePredicate(condition.item);
      return (state) => !item(state);
    }
    case 'const': {
      const { value } = condition;
      return () => value;
    }
    case 'field':
      return fieldPredicate(condition);
    case 'keyword':
      return keywordPredicate(condition);
  }
}

/**
 * The evaluation state, shared by every rule: match() is synchronous, and the rules of a rule set run one after the
 * other on the same event, so each string of the event is lower-cased once for all of them. Everything is dropped when
 * the next event comes.
 */
const shared: EvalState = { event: null, generation: 0, lowered: new Map(), lastText: null, lastLower: '', keywordTexts: [], keywordsCollected: false };
const MAX_LOWERED = 4096;

function enter(event: RuleEvent): EvalState {
  if (shared.event !== event || shared.lowered.size > MAX_LOWERED) {
    shared.event = event;
    shared.generation++;
    shared.lowered.clear();
    shared.lastText = null;
    shared.keywordsCollected = false;
    shared.keywordTexts.length = 0;
  }
  return shared;
}

/** Runs a compiled predicate on an event. */
export function createRunner(): (predicate: Predicate, event: RuleEvent) => boolean {
  return (predicate, event) => predicate(enter(event));
}

/** Past this many distinct conditions the shared ones start over (a mapping has a few hundred logsources). */
const MAX_SHARED = 4096;
const sharedByCondition = new Map<string, (event: RuleEvent) => boolean>();

/**
 * One predicate per distinct condition, shared by every rule that has it, remembering its answer for the current event:
 * a thousand process_creation rules test the same logsource, and the rule set runs them one after the other on each
 * event. The answer is kept exactly as long as the lowered strings and path values are (until another event comes).
 */
export function sharedPredicate(condition: Condition): (event: RuleEvent) => boolean {
  const key = JSON.stringify(condition);
  const known = sharedByCondition.get(key);
  if (known) return known;
  const predicate = compilePredicate(condition);
  let generation = -1;
  let answer = false;
  const memoised = (event: RuleEvent) => {
    const state = enter(event);
    if (state.generation !== generation) {
      answer = predicate(state);
      generation = state.generation;
    }
    return answer;
  };
  if (sharedByCondition.size >= MAX_SHARED) sharedByCondition.clear();
  sharedByCondition.set(key, memoised);
  return memoised;
}
