import type { CallExpr, ScalarType } from '../ast.ts';
import { typeError } from './errors.ts';
import { type ExprType, isNumeric } from './types.ts';

type Kind = 'scalar' | 'aggregate';

export interface FunctionSignature {
  kind: Kind;
  min: number;
  max: number;
  /** The result type from the argument types; throws a TYPE_ERROR for a wrong argument. */
  result: (args: ExprType[], call: CallExpr) => ExprType;
}

const STRINGY: readonly ExprType[] = ['string', 'dynamic', 'null'];
const NUMBERS: readonly ExprType[] = ['long', 'int', 'real', 'decimal', 'null'];
const TIMES: readonly ExprType[] = ['datetime', 'null'];

function want(call: CallExpr, args: ExprType[], index: number, allowed: readonly ExprType[], what: string): void {
  const type = args[index];
  if (type === undefined) return;
  if (!allowed.includes(type)) {
    const at = call.args[index]?.span ?? call.span;
    throw typeError(at, `${call.name}(): argument ${index + 1} must be ${what}, not ${type}`);
  }
}

const fixed =
  (result: ExprType, ...params: [readonly ExprType[], string][]) =>
  (args: ExprType[], call: CallExpr): ExprType => {
    params.forEach(([allowed, what], index) => {
      want(call, args, index, allowed, what);
    });
    return result;
  };

const scalar = (min: number, max: number, result: FunctionSignature['result']): FunctionSignature => ({ kind: 'scalar', min, max, result });
const aggregate = (min: number, max: number, result: FunctionSignature['result']): FunctionSignature => ({ kind: 'aggregate', min, max, result });

/** The wider of two numeric types (`long + real` is real). */
export function widerNumeric(a: ExprType, b: ExprType): ExprType {
  for (const type of ['real', 'decimal', 'long', 'int'] as const) if (a === type || b === type) return type;
  return 'long';
}

/** A common type for branches (`iff`, `case`, `coalesce`); `null` fits anything. */
function common(call: CallExpr, types: ExprType[]): ExprType {
  const known = types.filter((type) => type !== 'null');
  if (known.length === 0) return 'null';
  if (known.every(isNumeric)) return known.reduce<ExprType>((a, b) => widerNumeric(a, b), known[0] as ExprType);
  const first = known[0] as ExprType;
  if (known.every((type) => type === first)) return first;
  throw typeError(call.span, `${call.name}(): the values have different types (${[...new Set(known)].join(', ')})`);
}

const binnable = (args: ExprType[], call: CallExpr): ExprType => {
  const [value, size] = args;
  if (value === 'datetime' || value === 'timespan') {
    want(call, args, 1, ['timespan', 'null'], 'a timespan');
    return value;
  }
  want(call, args, 0, [...NUMBERS, 'datetime', 'timespan'], 'a number, datetime or timespan');
  want(call, args, 1, NUMBERS, 'a number');
  return value === 'null' ? (size ?? 'null') : (value ?? 'null');
};

const conversion = (result: ScalarType) => scalar(1, 1, () => result);
const numericAggregate = (name: string) =>
  aggregate(1, 1, (args, call) => {
    want(call, args, 0, name === 'sum' || name === 'avg' ? [...NUMBERS, 'timespan'] : [...NUMBERS, 'timespan', 'datetime', 'string', 'bool'], 'a number');
    if (name === 'avg') return args[0] === 'timespan' ? 'timespan' : 'real';
    if (name === 'sum' && args[0] === 'int') return 'long';
    return args[0] ?? 'null';
  });

export const FUNCTIONS: Readonly<Record<string, FunctionSignature>> = {
  // time
  ago: scalar(1, 1, fixed('datetime', [['timespan', 'null'], 'a timespan'])),
  now: scalar(0, 1, fixed('datetime', [['timespan', 'null'], 'a timespan'])),
  bin: scalar(2, 2, binnable),
  floor: scalar(2, 2, binnable),
  startofday: scalar(1, 1, fixed('datetime', [TIMES, 'a datetime'])),
  startofweek: scalar(1, 1, fixed('datetime', [TIMES, 'a datetime'])),
  startofmonth: scalar(1, 1, fixed('datetime', [TIMES, 'a datetime'])),
  startofyear: scalar(1, 1, fixed('datetime', [TIMES, 'a datetime'])),
  endofday: scalar(1, 1, fixed('datetime', [TIMES, 'a datetime'])),
  hourofday: scalar(1, 1, fixed('int', [TIMES, 'a datetime'])),
  dayofweek: scalar(1, 1, fixed('timespan', [TIMES, 'a datetime'])),
  dayofmonth: scalar(1, 1, fixed('int', [TIMES, 'a datetime'])),
  getyear: scalar(1, 1, fixed('int', [TIMES, 'a datetime'])),
  getmonth: scalar(1, 1, fixed('int', [TIMES, 'a datetime'])),
  format_datetime: scalar(2, 2, fixed('string', [TIMES, 'a datetime'], [['string'], 'a format string'])),
  datetime_diff: scalar(3, 3, fixed('long', [['string'], 'a part name'], [TIMES, 'a datetime'], [TIMES, 'a datetime'])),
  // strings
  tolower: scalar(1, 1, fixed('string', [STRINGY, 'a string'])),
  toupper: scalar(1, 1, fixed('string', [STRINGY, 'a string'])),
  strlen: scalar(1, 1, fixed('long', [STRINGY, 'a string'])),
  substring: scalar(2, 3, fixed('string', [STRINGY, 'a string'], [NUMBERS, 'a number'], [NUMBERS, 'a number'])),
  split: scalar(2, 3, fixed('dynamic', [STRINGY, 'a string'], [STRINGY, 'a string'], [NUMBERS, 'a number'])),
  strcat: scalar(1, 64, () => 'string'),
  strcat_delim: scalar(3, 64, fixed('string', [STRINGY, 'a string'])),
  replace_string: scalar(3, 3, fixed('string', [STRINGY, 'a string'], [STRINGY, 'a string'], [STRINGY, 'a string'])),
  indexof: scalar(2, 2, fixed('long', [STRINGY, 'a string'], [STRINGY, 'a string'])),
  trim: scalar(2, 2, fixed('string', [['string'], 'a regular expression'], [STRINGY, 'a string'])),
  extract: scalar(3, 4, fixed('string', [['string'], 'a regular expression'], [NUMBERS, 'a capture group number'], [STRINGY, 'a string'])),
  countof: scalar(2, 2, fixed('long', [STRINGY, 'a string'], [STRINGY, 'a string'])),
  reverse: scalar(1, 1, fixed('string', [STRINGY, 'a string'])),
  // dynamic
  parse_json: scalar(1, 1, fixed('dynamic', [STRINGY, 'a string'])),
  todynamic: scalar(1, 1, fixed('dynamic', [STRINGY, 'a string'])),
  array_length: scalar(1, 1, fixed('long', [['dynamic', 'null'], 'a dynamic array'])),
  pack_array: scalar(0, 64, () => 'dynamic'),
  bag_pack: scalar(0, 64, () => 'dynamic'),
  pack: scalar(0, 64, () => 'dynamic'),
  // conversions
  tostring: conversion('string'),
  toint: conversion('int'),
  tolong: conversion('long'),
  todouble: conversion('real'),
  toreal: conversion('real'),
  todecimal: conversion('decimal'),
  tobool: conversion('bool'),
  toboolean: conversion('bool'),
  todatetime: conversion('datetime'),
  totimespan: conversion('timespan'),
  // emptiness and choice
  isempty: scalar(1, 1, () => 'bool'),
  isnotempty: scalar(1, 1, () => 'bool'),
  isnull: scalar(1, 1, () => 'bool'),
  isnotnull: scalar(1, 1, () => 'bool'),
  not: scalar(1, 1, fixed('bool', [['bool', 'null', 'dynamic'], 'a boolean'])),
  iff: scalar(3, 3, (args, call) => {
    want(call, args, 0, ['bool', 'null'], 'a boolean');
    return common(call, args.slice(1));
  }),
  iif: scalar(3, 3, (args, call) => {
    want(call, args, 0, ['bool', 'null'], 'a boolean');
    return common(call, args.slice(1));
  }),
  case: scalar(3, 129, (args, call) => {
    if (args.length % 2 === 0) throw typeError(call.span, 'case(): needs predicate/value pairs and an else value');
    for (let i = 0; i < args.length - 1; i += 2) want(call, args, i, ['bool', 'null'], 'a boolean');
    return common(
      call,
      args.filter((_, index) => index % 2 === 1 || index === args.length - 1),
    );
  }),
  coalesce: scalar(1, 64, (args, call) => common(call, args)),
  min_of: scalar(1, 64, (args, call) => common(call, args)),
  max_of: scalar(1, 64, (args, call) => common(call, args)),
  // numbers
  abs: scalar(1, 1, (args, call) => {
    want(call, args, 0, [...NUMBERS, 'timespan'], 'a number');
    return args[0] ?? 'null';
  }),
  round: scalar(1, 2, fixed('real', [NUMBERS, 'a number'], [NUMBERS, 'a number'])),
  sqrt: scalar(1, 1, fixed('real', [NUMBERS, 'a number'])),
  // networks
  ipv4_is_private: scalar(1, 1, fixed('bool', [STRINGY, 'an IPv4 address'])),
  ipv4_is_in_range: scalar(2, 2, fixed('bool', [STRINGY, 'an IPv4 address'], [STRINGY, 'an IPv4 range'])),
  // aggregates
  count: aggregate(0, 1, () => 'long'),
  countif: aggregate(1, 1, fixed('long', [['bool', 'null'], 'a boolean'])),
  dcount: aggregate(1, 2, () => 'long'),
  dcountif: aggregate(2, 3, (args, call) => {
    want(call, args, 1, ['bool', 'null'], 'a boolean');
    return 'long';
  }),
  sum: numericAggregate('sum'),
  sumif: aggregate(2, 2, (args, call) => {
    want(call, args, 0, [...NUMBERS, 'timespan'], 'a number');
    want(call, args, 1, ['bool', 'null'], 'a boolean');
    return args[0] === 'int' ? 'long' : (args[0] ?? 'null');
  }),
  avg: numericAggregate('avg'),
  min: numericAggregate('min'),
  max: numericAggregate('max'),
  make_set: aggregate(1, 2, () => 'dynamic'),
  make_list: aggregate(1, 2, () => 'dynamic'),
  take_any: aggregate(1, 1, (args) => args[0] ?? 'null'),
  any: aggregate(1, 1, (args) => args[0] ?? 'null'),
  percentile: aggregate(2, 2, (args, call) => {
    want(call, args, 0, [...NUMBERS, 'datetime', 'timespan'], 'a number');
    want(call, args, 1, NUMBERS, 'a percentage');
    return args[0] ?? 'null';
  }),
  stdev: aggregate(1, 1, fixed('real', [NUMBERS, 'a number'])),
  variance: aggregate(1, 1, fixed('real', [NUMBERS, 'a number'])),
  // arg_max / arg_min are typed by the summarize check (their output is several columns)
  arg_max: aggregate(2, 64, (args) => args[0] ?? 'null'),
  arg_min: aggregate(2, 64, (args) => args[0] ?? 'null'),
};

export function functionSignature(name: string): FunctionSignature | undefined {
  return Object.hasOwn(FUNCTIONS, name) ? FUNCTIONS[name] : undefined;
}

export function isAggregateName(name: string): boolean {
  return functionSignature(name)?.kind === 'aggregate';
}
