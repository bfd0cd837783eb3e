import { type PathReader, pathsReader } from '../sigma/event-path.ts';
import type { FieldPath, RuleEvent } from '../types.ts';
import type { ResolvedCorrelation } from './resolve.ts';

const readers = new WeakMap<readonly FieldPath[], PathReader>();

function readerOf(paths: readonly FieldPath[]): PathReader {
  let reader = readers.get(paths);
  if (!reader) {
    reader = pathsReader(paths);
    readers.set(paths, reader);
  }
  return reader;
}

/** The first non-empty scalar at the paths, as text (numbers and booleans as written), or null. */
function firstText(event: RuleEvent, paths: readonly FieldPath[] | undefined): string | null {
  if (!paths) return null;
  let found: string | null = null;
  const take = (value: unknown): boolean => {
    if (Array.isArray(value)) return value.some(take);
    if (typeof value === 'string' && value !== '') found = value;
    else if (typeof value === 'number' && Number.isFinite(value)) found = String(value);
    else if (typeof value === 'boolean') found = String(value);
    return found !== null;
  };
  readerOf(paths)(event, take);
  return found;
}

/**
 * What a correlation keeps of one event a referenced rule matched: its group-by values (null when one is missing:
 * the hit is not counted) and, for value_count, the counted field's value (null when missing).
 */
export function correlationValues(spec: ResolvedCorrelation, ruleKey: string, event: RuleEvent): { group: string[] | null; value: string | null } {
  const group: string[] = [];
  for (const { pathsByRule } of spec.groupBy) {
    const text = firstText(event, pathsByRule[ruleKey]);
    if (text === null) return { group: null, value: null };
    group.push(text);
  }
  return { group, value: firstText(event, spec.condition.pathsByRule?.[ruleKey]) };
}
