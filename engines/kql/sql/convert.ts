import { sql } from 'kysely';
import type { ScalarType } from '../ast.ts';
import type { ExprType } from '../check/types.ts';
import { PG_TYPE, type Sql } from './types.ts';

const ISO_TEXT = `'YYYY-MM-DD"T"HH24:MI:SS.US"0Z"'`;
const INTEGER_TEXT = String.raw`'^\s*[-+]?[0-9]{1,18}\s*$'`;
const REAL_TEXT = String.raw`'^\s*[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]{1,3})?\s*$'`;
// ISO 8601 and the US m/d/yyyy form Kusto also reads; PostgreSQL (DateStyle ISO, MDY) reads both
const DATETIME_TEXT = String.raw`'^\s*([0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{1,2}/[0-9]{1,2}/[0-9]{4})([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,9})?)?)?\s*(Z|[+-][0-9]{2}(:?[0-9]{2})?)?\s*$'`;

/** KQL's text of a value (`tostring`): never null — KQL has no null string. */
export function asText(value: Sql, type: ExprType): Sql {
  switch (type) {
    case 'string':
      return value;
    case 'dynamic':
      return sql`coalesce(${value} #>> '{}', '')`;
    case 'bool':
      return sql`coalesce(case when ${value} then 'true' else 'false' end, '')`;
    case 'datetime':
      return sql`coalesce(to_char(${value} at time zone 'UTC', ${sql.raw(ISO_TEXT)}), '')`;
    case 'null':
      return sql`''`;
    default:
      return sql`coalesce((${value})::text, '')`;
  }
}

/** A whole number, or null where KQL's tolong would give null (never a cast error). */
function textToLong(text: Sql): Sql {
  return sql`(case when ${text} ~ ${sql.raw(INTEGER_TEXT)} then trim(${text})::numeric::bigint end)`;
}

function textToReal(text: Sql): Sql {
  return sql`(case when ${text} ~ ${sql.raw(REAL_TEXT)} then trim(${text})::double precision end)`;
}

function textToDatetime(text: Sql): Sql {
  return sql`(case when ${text} ~ ${sql.raw(DATETIME_TEXT)} then kql_try_timestamptz(trim(${text})) end)`;
}

function textToBool(text: Sql): Sql {
  return sql`(case lower(trim(${text})) when 'true' then true when '1' then true when 'false' then false when '0' then false end)`;
}

function jsonNumber(value: Sql): Sql {
  return sql`(case jsonb_typeof(${value}) when 'number' then (${value} #>> '{}')::numeric when 'string' then ${textToReal(sql`(${value} #>> '{}')`)}::numeric end)`;
}

/** `value` (of KQL type `from`) as KQL type `to`, with KQL's null-on-failure conversions. */
export function convert(value: Sql, from: ExprType, to: ScalarType): Sql {
  if (from === to) return value;
  if (from === 'null') return sql.raw(`null::${PG_TYPE[to]}`);
  switch (to) {
    case 'string':
      return asText(value, from);
    case 'long':
    case 'int': {
      const target = sql.raw(to === 'long' ? 'bigint' : 'integer');
      if (from === 'string') return sql`${textToLong(value)}::${target}`;
      if (from === 'dynamic') return sql`trunc(${jsonNumber(value)})::${target}`;
      if (from === 'bool') return sql`(${value})::int::${target}`;
      if (from === 'datetime') return sql`(extract(epoch from ${value}) * 10000000)::${target}`;
      if (from === 'timespan') return sql`(extract(epoch from ${value}) * 10000000)::${target}`;
      return sql`trunc(${value})::${target}`;
    }
    case 'real':
    case 'decimal': {
      const target = sql.raw(to === 'real' ? 'double precision' : 'numeric');
      if (from === 'string') return sql`${textToReal(value)}::${target}`;
      if (from === 'dynamic') return sql`${jsonNumber(value)}::${target}`;
      if (from === 'bool') return sql`(${value})::int::${target}`;
      if (from === 'timespan' || from === 'datetime') return sql`(extract(epoch from ${value}) * 10000000)::${target}`;
      return sql`(${value})::${target}`;
    }
    case 'bool':
      if (from === 'string') return textToBool(value);
      if (from === 'dynamic')
        return sql`(case jsonb_typeof(${value}) when 'boolean' then (${value} #>> '{}')::boolean when 'number' then (${value} #>> '{}')::numeric <> 0 when 'string' then ${textToBool(sql`(${value} #>> '{}')`)} end)`;
      return sql`((${value}) <> 0)`;
    case 'datetime':
      if (from === 'string') return textToDatetime(value);
      if (from === 'dynamic') return sql`(case jsonb_typeof(${value}) when 'string' then ${textToDatetime(sql`(${value} #>> '{}')`)} end)`;
      return sql`null::timestamptz`;
    case 'timespan':
      if (from === 'dynamic' || from === 'string') return sql`null::interval`;
      return sql`((${value})::double precision / 10000 * interval '1 millisecond')`;
    case 'dynamic':
      if (from === 'string') return sql`(case when ${value} = '' then null else to_jsonb(${value}) end)`;
      if (from === 'datetime') return sql`to_jsonb(${asText(value, from)})`;
      if (from === 'timespan') return sql`to_jsonb((${value})::text)`;
      return sql`to_jsonb(${value})`;
    case 'guid':
      return sql`(case when ${asText(value, from)} ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then ${asText(value, from)}::uuid end)`;
  }
}

/** Both sides of a comparison in one PostgreSQL type. */
export function comparablePair(left: Sql, lt: ExprType, right: Sql, rt: ExprType): [Sql, Sql] {
  if (lt === 'dynamic' && rt !== 'dynamic' && rt !== 'null') return [convert(left, 'dynamic', rt), right];
  if (rt === 'dynamic' && lt !== 'dynamic' && lt !== 'null') return [left, convert(right, 'dynamic', lt)];
  if ((lt === 'guid' && rt === 'string') || (lt === 'string' && rt === 'guid')) return [asText(left, lt), asText(right, rt)];
  return [left, right];
}
