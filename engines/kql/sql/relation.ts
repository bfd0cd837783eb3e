import { sql } from 'kysely';
import type { Schema } from '../check/types.ts';
import type { Sql } from './types.ts';

/** A compiled stage: one SELECT whose columns are the schema's names (plus `__ord` when a sort is still in force). */
export interface Relation {
  select: Sql;
  schema: Schema;
  /** True when the rows carry `__ord`, the position a `sort`/`top` gave them. */
  ordered: boolean;
}

export const ORD = '__ord';

export const col = (name: string): Sql => sql`s.${sql.id(name)}`;

export function ident(name: string): Sql {
  return sql.id(name);
}

/** `s."A" as "A", …` — the input columns kept as they are. */
export function passThrough(relation: Relation, names: readonly string[] = relation.schema.map((c) => c.name)): Sql[] {
  const out = names.map((name) => sql`s.${sql.id(name)} as ${sql.id(name)}`);
  if (relation.ordered) out.push(sql`s.${sql.id(ORD)} as ${sql.id(ORD)}`);
  return out;
}

export function from(relation: Relation): Sql {
  return sql`(${relation.select}) as s`;
}

export function orderBy(relation: Relation): Sql {
  return relation.ordered ? sql` order by s.${sql.id(ORD)}` : sql``;
}
