import type { ScalarType } from './ast.ts';

/** KQL's scalar type names and their synonyms (`int64` is `long`, `date` is `datetime`, `uuid` is `guid` …). */
export const SCALAR_TYPE_NAMES: Readonly<Record<string, ScalarType>> = {
  string: 'string',
  long: 'long',
  int64: 'long',
  int: 'int',
  int32: 'int',
  real: 'real',
  double: 'real',
  decimal: 'decimal',
  bool: 'bool',
  boolean: 'bool',
  datetime: 'datetime',
  date: 'datetime',
  timespan: 'timespan',
  time: 'timespan',
  dynamic: 'dynamic',
  guid: 'guid',
  uuid: 'guid',
  uniqueid: 'guid',
};
