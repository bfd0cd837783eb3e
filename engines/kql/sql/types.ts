import { type RawBuilder, sql } from 'kysely';
import type { LiteralExpr, ScalarType } from '../ast.ts';
import type { ExprType } from '../check/types.ts';

export type Sql = RawBuilder<unknown>;

export const PG_TYPE: Readonly<Record<ScalarType, string>> = {
  string: 'text',
  long: 'bigint',
  int: 'integer',
  real: 'double precision',
  decimal: 'numeric',
  bool: 'boolean',
  datetime: 'timestamptz',
  timespan: 'interval',
  dynamic: 'jsonb',
  guid: 'uuid',
};

export const cast = (value: unknown, type: ScalarType): Sql => sql`cast(${value} as ${sql.raw(PG_TYPE[type])})`;

export function timespanSql(ms: number): Sql {
  return sql`(${ms}::double precision * interval '1 millisecond')`;
}

/** A literal as a bound parameter with its PostgreSQL type (never spliced into the text). */
export function literalSql(literal: LiteralExpr): Sql {
  const value = literal.value;
  if (value === null && literal.type !== 'dynamic') return typedNull(literal.type);
  switch (literal.type) {
    case 'null':
      return sql`null`;
    case 'string':
      return cast(String(value), 'string');
    case 'long':
    case 'int':
    case 'decimal':
      return cast(String(value), literal.type);
    case 'real':
      return cast(Number(value), 'real');
    case 'bool':
      return cast(Boolean(value), 'bool');
    case 'datetime':
      return value === null ? sql`null::timestamptz` : cast(new Date(Number(value)).toISOString(), 'datetime');
    case 'timespan':
      return value === null ? sql`null::interval` : timespanSql(Number(value));
    case 'dynamic':
      return cast(JSON.stringify(value ?? null), 'dynamic');
    case 'guid':
      return cast(String(value), 'guid');
  }
}

/** A typed SQL NULL (union columns missing on one side, empty datatables). */
export function typedNull(type: ExprType): Sql {
  return type === 'null' ? sql`null::text` : sql.raw(`null::${PG_TYPE[type]}`);
}
