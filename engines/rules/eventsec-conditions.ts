import type { Condition, FieldPath, RuleProblem, ValueTest } from './types.ts';

/**
 * EventSec's detection-rule conditions (`{<key>: <scalar> | [<scalars>]}`, every key must hold) as a Condition,
 * with EventSec's own key resolution over the event as it arrived (kept in `raw`):
 *   `details.a.b` → the details' literal key "a.b", else the nested path (FieldPath does the same);
 *   an attribute of EventSec's Event (event_type, severity, category, agent_id, id) → that field;
 *   anything else → `details[key]`.
 * Equality is exact (case-sensitive), as EventSec's Python equality is; a list means membership; null means missing.
 */
const EVENT_ATTRIBUTES = new Set(['event_type', 'severity', 'category', 'agent_id', 'id', 'event_id', 'created_at', 'timestamp']);

export const MAX_CONDITION_KEYS = 100;

export function compileEventSecConditions(conditions: unknown): { condition: Condition } | { problems: RuleProblem[] } {
  if (typeof conditions !== 'object' || conditions === null || Array.isArray(conditions)) {
    return { problems: [problem('conditions', 'conditions must be an object of field: value or field: [values]')] };
  }
  const entries = Object.entries(conditions);
  if (entries.length === 0) return { problems: [problem('conditions', 'at least one condition is needed: an empty rule would match every event')] };
  if (entries.length > MAX_CONDITION_KEYS) return { problems: [problem('conditions', `at most ${MAX_CONDITION_KEYS} keys`)] };
  const items: Condition[] = [];
  const problems: RuleProblem[] = [];
  for (const [key, expected] of entries) {
    const tests = testsFor(expected);
    if (tests === null) problems.push(problem(`condition '${key}'`, 'a value must be a string, number, boolean, null or a list of those'));
    else items.push({ type: 'field', field: key, paths: pathsFor(key), tests, mode: 'any' });
  }
  return problems.length > 0 ? { problems } : { condition: { type: 'and', items } };
}

function pathsFor(key: string): FieldPath[] {
  if (key.startsWith('details.')) return [`raw.${key}`, `raw.attributes.${key.slice('details.'.length)}`];
  if (EVENT_ATTRIBUTES.has(key)) return [`raw.${key}`];
  return [`raw.details.${key}`, `raw.attributes.${key}`];
}

function testsFor(expected: unknown): ValueTest[] | null {
  const values = Array.isArray(expected) ? expected : [expected];
  const tests: ValueTest[] = [];
  for (const value of values) {
    const test = testFor(value);
    if (test === null) return null;
    tests.push(test);
  }
  return tests.length > 0 ? tests : null;
}

function testFor(value: unknown): ValueTest | null {
  if (value === null) return { op: 'null' };
  if (typeof value === 'string') return { op: 'equals', value, cased: true };
  if (typeof value === 'number' && Number.isFinite(value)) return { op: 'number', value };
  if (typeof value === 'boolean') return { op: 'bool', value };
  return null;
}

const problem = (construct: string, message: string): RuleProblem => ({ construct, message, line: null, column: null });
