import type { Condition, FieldPath } from '../types.ts';

/** Small builders for the logsource conditions the mapping's data describes. */

export const allOf = (items: Condition[]): Condition => (items.length === 1 ? (items[0] as Condition) : { type: 'and', items });
export const anyOf = (items: Condition[]): Condition => (items.length === 1 ? (items[0] as Condition) : { type: 'or', items });

/** The field at `path` equals one of the values (case-insensitive). */
export function equalsAny(path: FieldPath, values: readonly string[]): Condition {
  return { type: 'field', field: path, paths: [path], tests: values.map((value) => ({ op: 'equals', value, cased: false })), mode: 'any' };
}

export function startsWithAny(path: FieldPath, values: readonly string[]): Condition {
  return { type: 'field', field: path, paths: [path], tests: values.map((value) => ({ op: 'startswith', value, cased: false })), mode: 'any' };
}

export function containsAny(paths: readonly FieldPath[], values: readonly string[]): Condition {
  return { type: 'field', field: paths[0] ?? '', paths: [...paths], tests: values.map((value) => ({ op: 'contains', value, cased: false })), mode: 'any' };
}

/** The field at `path` is one of the numbers (a number or numeric text). */
export function numberIn(path: FieldPath, values: readonly number[]): Condition {
  return { type: 'field', field: path, paths: [path], tests: values.map((value) => ({ op: 'number', value })), mode: 'any' };
}

export function exists(path: FieldPath): Condition {
  return { type: 'field', field: path, paths: [path], tests: [{ op: 'exists', value: true }], mode: 'any' };
}
