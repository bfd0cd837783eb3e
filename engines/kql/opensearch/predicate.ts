import type { BetweenExpr, BinaryExpr, CallExpr, ComparisonOp, Expr, SetExpr, Span, StringOp } from '../ast.ts';
import { type Column, type FieldRef, resolveField, type Schema } from './columns.ts';
import { type Constant, type ConstantScope, constantOf } from './constant.ts';
import { allOf, anyOf, type Dsl, matchNone, mustNot } from './dsl.ts';
import { typeError, unsupported } from './errors.ts';
import { toLuceneRegex } from './lucene-regex.ts';

export type PredicateScope = ConstantScope & { schema: Schema };

const ALNUM = 'A-Za-z0-9';
const PRIVATE_V4 = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'];
const COMPARISONS = new Set(['==', '!=', '<>', '<', '<=', '>', '>=']);

/** A `where` predicate as an OpenSearch filter clause (no scoring: every clause is a filter). */
export function compilePredicate(expr: Expr, scope: PredicateScope): Dsl {
  switch (expr.kind) {
    case 'binary':
      return binary(expr, scope);
    case 'set':
      return set(expr, scope);
    case 'between':
      return between(expr, scope);
    case 'call':
      return call(expr, scope);
    case 'literal':
      if (expr.type === 'bool') return expr.value ? { match_all: {} } : matchNone();
      break;
    case 'star':
      break;
  }
  throw unsupported(expr.kind === 'name' ? expr.name : `${expr.kind} expression`, expr.span, 'not a predicate the OpenSearch backend can filter on');
}

function binary(expr: BinaryExpr, scope: PredicateScope): Dsl {
  if (expr.op === 'and') return allOf([compilePredicate(expr.left, scope), compilePredicate(expr.right, scope)]);
  if (expr.op === 'or') return anyOf([compilePredicate(expr.left, scope), compilePredicate(expr.right, scope)]);
  if (COMPARISONS.has(expr.op)) return comparison(expr, scope);
  if (expr.op === '+' || expr.op === '-' || expr.op === '*' || expr.op === '/' || expr.op === '%')
    throw unsupported(expr.op, expr.span, 'arithmetic on columns cannot be filtered in OpenSearch');
  if (expr.left.kind === 'star') return searchAll(expr.op as StringOp, constantText(expr.right, scope), scope, expr.span);
  return stringOperator(expr.op as StringOp, resolveField(expr.left, scope.schema), constantText(expr.right, scope), expr.span);
}

function comparison(expr: BinaryExpr, scope: PredicateScope): Dsl {
  let op = expr.op as ComparisonOp;
  let fieldExpr = expr.left;
  let valueExpr = expr.right;
  if (isConstantShaped(expr.left) && !isConstantShaped(expr.right)) {
    fieldExpr = expr.right;
    valueExpr = expr.left;
    op = flip(op);
  }
  const ref = resolveField(fieldExpr, scope.schema);
  const value = constantOf(valueExpr, scope);
  if (op === '==') return equals(ref, value, expr.span);
  if (op === '!=' || op === '<>') return notEquals(ref, value, expr.span);
  return range(ref, op, value, expr.span);
}

function equals(ref: FieldRef, value: Constant, span: Span): Dsl {
  if (value.type === 'null') return mustNot({ exists: { field: ref.field } });
  const kind = ref.path === null ? ref.column.doc.kind : 'flat';
  if (kind === 'ip' && !isIpLiteral(String(value.value))) return matchNone(); // KQL compares IPs as strings: "10.0.0.0/8" equals no address
  if (kind === 'stored') throw unsupported(`${ref.column.name} ==`, span, 'Raw is stored, not indexed');
  return { term: { [ref.field]: { value: termValue(ref, value, span) } } };
}

function notEquals(ref: FieldRef, value: Constant, span: Span): Dsl {
  const negated = mustNot(equals(ref, value, span));
  // A missing number or date is null in KQL, and null != x is not true; a missing string is "" and "" != x is.
  if (ref.path !== null || ref.column.doc.type === 'string') return negated;
  return allOf([{ exists: { field: ref.field } }, negated]);
}

function range(ref: FieldRef, op: ComparisonOp, value: Constant, span: Span): Dsl {
  const kind = ref.column.doc.kind;
  if (ref.path !== null || (kind !== 'long' && kind !== 'date'))
    throw unsupported(`${op} on ${ref.column.name}`, span, 'OpenSearch orders only numeric and datetime columns here');
  const bound = { '<': 'lt', '<=': 'lte', '>': 'gt', '>=': 'gte' }[op as '<' | '<=' | '>' | '>='];
  return { range: { [ref.field]: { [bound]: termValue(ref, value, span) } } };
}

function between(expr: BetweenExpr, scope: PredicateScope): Dsl {
  const ref = resolveField(expr.left, scope.schema);
  const low = constantOf(expr.low, scope);
  let high = constantOf(expr.high, scope);
  if (ref.column.doc.kind === 'date' && high.type === 'timespan') high = { type: 'datetime', value: Number(low.value) + Number(high.value) };
  if (ref.path !== null || (ref.column.doc.kind !== 'long' && ref.column.doc.kind !== 'date'))
    throw unsupported('between', expr.span, 'OpenSearch orders only numeric and datetime columns here');
  const clause = { range: { [ref.field]: { gte: termValue(ref, low, expr.span), lte: termValue(ref, high, expr.span) } } };
  return expr.negated ? allOf([{ exists: { field: ref.field } }, mustNot(clause)]) : clause;
}

function set(expr: SetExpr, scope: PredicateScope): Dsl {
  if (!Array.isArray(expr.values)) throw unsupported(`${expr.op} (tabular expression)`, expr.span, 'sub-queries are not compiled to OpenSearch');
  const values = expr.values.map((value) => constantOf(value, scope));
  if (expr.left.kind === 'star') throw unsupported(`* ${expr.op}`, expr.span);
  const ref = resolveField(expr.left, scope.schema);
  switch (expr.op) {
    case 'in':
    case '!in': {
      const clause = inSet(ref, values, expr.span);
      return expr.op === 'in' ? clause : mustNot(clause);
    }
    case 'in~':
    case '!in~': {
      const clause = anyOf(values.map((value) => stringOperator('=~', ref, textOf(value), expr.span)));
      return expr.op === 'in~' ? clause : mustNot(clause);
    }
    case 'has_any':
      return anyOf(values.map((value) => stringOperator('has', ref, textOf(value), expr.span)));
    case 'has_all':
      return allOf(values.map((value) => stringOperator('has', ref, textOf(value), expr.span)));
  }
}

function inSet(ref: FieldRef, values: Constant[], span: Span): Dsl {
  const kind = ref.path === null ? ref.column.doc.kind : 'flat';
  const usable = values.filter((value) => value.type !== 'null' && (kind !== 'ip' || isIpLiteral(String(value.value))));
  const terms = { terms: { [ref.field]: usable.map((value) => termValue(ref, value, span)) } };
  if (usable.length === values.length) return usable.length === 0 ? matchNone() : terms;
  const nulls = values.some((value) => value.type === 'null') ? [mustNot({ exists: { field: ref.field } })] : [];
  return anyOf([...(usable.length ? [terms] : []), ...nulls, ...(nulls.length || usable.length ? [] : [matchNone()])]);
}

function call(expr: CallExpr, scope: PredicateScope): Dsl {
  const [first, second] = expr.args;
  if (expr.name === 'not' && first) return mustNot(compilePredicate(first, scope));
  if (!first) throw unsupported(`${expr.name}()`, expr.span);
  if (expr.name === 'isnotempty' || expr.name === 'isnotnull') return exists(resolveField(first, scope.schema), expr.name === 'isnotempty');
  if (expr.name === 'isempty' || expr.name === 'isnull') return mustNot(exists(resolveField(first, scope.schema), expr.name === 'isempty'));
  if (expr.name === 'ipv4_is_private') return { terms: { [ipField(first, scope, expr.span)]: PRIVATE_V4 } };
  if (expr.name === 'ipv4_is_in_range' && second) {
    const cidr = constantText(second, scope);
    if (!isCidr(cidr)) throw typeError(`ipv4_is_in_range: '${cidr}' is not an IPv4 address or CIDR range`, second.span);
    return { term: { [ipField(first, scope, expr.span)]: cidr } };
  }
  throw unsupported(`${expr.name}()`, expr.span, 'not a predicate the OpenSearch backend can filter on');
}

function exists(ref: FieldRef, nonEmpty: boolean): Dsl {
  const present: Dsl = { exists: { field: ref.field } };
  if (!nonEmpty || ref.column.doc.type !== 'string') return present;
  return allOf([present, mustNot({ term: { [ref.field]: { value: '' } } })]);
}

/**
 * KQL's string operators. A term is a maximal run of ASCII letters and digits; `has` matches a whole term (or a
 * run of terms) with boundaries on both sides. Columns with a `.terms` subfield (tokenised by that very rule and
 * lower-cased) answer single-term `has`/`hasprefix`/`hassuffix` from the term index; other keyword columns, and
 * case-sensitive forms, use an anchored Lucene regexp over the exact keyword (values longer than the keyword's
 * `ignore_above` are not in it).
 */
export function stringOperator(op: StringOp, ref: FieldRef, text: string, span: Span): Dsl {
  const negated = op.startsWith('!');
  const base = (negated ? op.slice(1) : op) as StringOp;
  const clause = positiveStringOperator(base, ref, text, span);
  return negated ? mustNot(clause) : clause;
}

function positiveStringOperator(op: StringOp, ref: FieldRef, text: string, span: Span): Dsl {
  const field = stringField(ref, op, span);
  const insensitive = !op.endsWith('_cs');
  const base = op.replace(/_cs$/, '');
  const termsField = ref.path === null && ref.column.doc.kind === 'terms' && insensitive ? `${ref.field}.terms` : null;
  const singleTerm = new RegExp(`^[${ALNUM}]+$`).test(text);
  switch (base) {
    case '=~':
      return { term: { [field]: { value: text, case_insensitive: true } } };
    case 'has':
      if (termsField && singleTerm) return { term: { [termsField]: { value: text.toLowerCase() } } };
      if (termsField) return { match_phrase: { [termsField]: { query: text } } };
      return regexp(field, `(.*[^${ALNUM}])?${escapeRegex(text)}([^${ALNUM}].*)?`, insensitive);
    case 'hasprefix':
      if (termsField && singleTerm) return { prefix: { [termsField]: { value: text.toLowerCase() } } };
      return regexp(field, `(.*[^${ALNUM}])?${escapeRegex(text)}.*`, insensitive);
    case 'hassuffix':
      if (termsField && singleTerm) return { wildcard: { [termsField]: { value: `*${escapeWildcard(text.toLowerCase())}` } } };
      return regexp(field, `.*${escapeRegex(text)}([^${ALNUM}].*)?`, insensitive);
    case 'contains':
      return wildcard(field, `*${escapeWildcard(text)}*`, insensitive);
    case 'startswith':
      return { prefix: { [field]: { value: text, ...(insensitive ? { case_insensitive: true } : {}) } } };
    case 'endswith':
      return wildcard(field, `*${escapeWildcard(text)}`, insensitive);
    case 'matches regex': {
      const { pattern, caseInsensitive } = toLuceneRegex(text, span);
      return regexp(field, pattern, caseInsensitive);
    }
  }
  throw unsupported(op, span, 'no OpenSearch equivalent');
}

/** `where * has "x"` and `search "x"`: the operator over every string column. */
export function searchAll(op: StringOp, text: string, scope: PredicateScope, span: Span): Dsl {
  const columns = scope.schema.filter((column: Column) => column.doc.type === 'string');
  return anyOf(columns.map((column) => stringOperator(op, { column, path: null, field: column.doc.field }, text, span)));
}

function stringField(ref: FieldRef, op: string, span: Span): string {
  if (ref.path !== null) {
    if (op === '=~' || op.startsWith('startswith')) return ref.field;
    throw unsupported(`${op} on a dynamic field`, span, 'Attributes values are indexed as exact keywords only (==, =~, in, startswith)');
  }
  if (ref.column.doc.type !== 'string') throw unsupported(`${op} on ${ref.column.name}`, span, `${ref.column.name} is not a string column`);
  return ref.column.doc.kind === 'ip' ? `${ref.field}.str` : ref.field;
}

function ipField(expr: Expr, scope: PredicateScope, span: Span): string {
  const ref = resolveField(expr, scope.schema);
  if (ref.column.doc.kind !== 'ip') throw unsupported(`IP function on ${ref.column.name}`, span, 'only SrcIp and DstIp are indexed as addresses');
  return ref.field;
}

const regexp = (field: string, value: string, insensitive: boolean): Dsl => ({
  regexp: { [field]: { value, flags: 'NONE', ...(insensitive ? { case_insensitive: true } : {}) } },
});
const wildcard = (field: string, value: string, insensitive: boolean): Dsl => ({
  wildcard: { [field]: { value, ...(insensitive ? { case_insensitive: true } : {}) } },
});

/** Lucene regexp: every character outside [A-Za-z0-9] is escaped, so user text is always literal. */
export function escapeRegex(text: string): string {
  return text.replace(/[^A-Za-z0-9]/g, (char) => (char === '\n' || char === '\t' || char === '\r' ? char : `\\${char}`));
}

function escapeWildcard(text: string): string {
  return text.replace(/[*?\\]/g, (char) => `\\${char}`);
}

function termValue(ref: FieldRef, value: Constant, span: Span): string | number | boolean {
  const kind = ref.path === null ? ref.column.doc.kind : 'flat';
  if (kind === 'flat') return value.type === 'datetime' ? new Date(Number(value.value)).toISOString() : String(value.value);
  if (kind === 'date') {
    if (value.type !== 'datetime') throw typeError(`${ref.column.name} is a datetime; compared with a ${value.type}`, span);
    return new Date(Number(value.value)).toISOString();
  }
  if (kind === 'long') {
    if (value.type !== 'long' && value.type !== 'int' && value.type !== 'real' && value.type !== 'decimal')
      throw typeError(`${ref.column.name} is a number; compared with a ${value.type}`, span);
    return Number(value.value);
  }
  if (value.type !== 'string') throw typeError(`${ref.column.name} is a string; compared with a ${value.type}`, span);
  return String(value.value);
}

function constantText(expr: Expr, scope: PredicateScope): string {
  return textOf(constantOf(expr, scope));
}

function textOf(value: Constant): string {
  return value.value === null ? '' : String(value.value);
}

function isConstantShaped(expr: Expr): boolean {
  return expr.kind === 'literal' || (expr.kind === 'call' && ['ago', 'now', 'datetime'].includes(expr.name));
}

function flip(op: ComparisonOp): ComparisonOp {
  return ({ '<': '>', '<=': '>=', '>': '<', '>=': '<=' } as Record<string, ComparisonOp>)[op] ?? op;
}

function isIpLiteral(text: string): boolean {
  return /^(\d{1,3}\.){3}\d{1,3}$/.test(text) || (/^[0-9A-Fa-f:.]+$/.test(text) && text.includes(':'));
}

function isCidr(text: string): boolean {
  const match = /^((?:\d{1,3}\.){3}\d{1,3})(?:\/(\d{1,2}))?$/.exec(text);
  return match !== null && (match[1] as string).split('.').every((part) => Number(part) <= 255) && Number(match[2] ?? 32) <= 32;
}
