import { sql } from 'kysely';
import type { Executor, OrgId } from '../../core/database.ts';

/** The columns detection reads: a slim view of a stored event (no raw). */
export type DetectionEventRow = {
  id: number;
  occurred_at: Date;
  source_kind: string;
  kind: string;
  category: string;
  action: string;
  outcome: string;
  severity: number;
  src_ip: string | null;
  dst_ip: string | null;
  dst_port: number | null;
  host_name: string | null;
  user_name: string | null;
  process_command_line: string | null;
  url: string | null;
  file_name: string | null;
  file_sha256: string | null;
  message: string | null;
  attributes: unknown;
  session_id: string | null;
};

const SLIM = [
  'events.id',
  'events.occurred_at',
  'events.source_kind',
  'events.kind',
  'events.category',
  'events.action',
  'events.outcome',
  'events.severity',
  sql<string | null>`host(events.src_ip)`.as('src_ip'),
  sql<string | null>`host(events.dst_ip)`.as('dst_ip'),
  'events.dst_port',
  'events.host_name',
  'events.user_name',
  'events.process_command_line',
  'events.url',
  'events.file_name',
  'events.file_sha256',
  'events.message',
  'events.attributes',
  'events.session_id',
] as const;

/**
 * Events stored after the cursor, in id order. Rows received in the last `settleSeconds` wait for the
 * next run: an insert that took a lower id but commits later must not be skipped by the cursor.
 */
export function selectEventsAfter(db: Executor, orgId: OrgId, afterId: number, limit: number, settleSeconds: number): Promise<DetectionEventRow[]> {
  return db
    .selectFrom('events')
    .select(SLIM)
    .where('events.org_id', '=', orgId)
    .where('events.id', '>', afterId)
    .where('events.received_at', '<', sql<Date>`now() - make_interval(secs => ${settleSeconds})`)
    .orderBy('events.id')
    .limit(limit)
    .execute() as Promise<DetectionEventRow[]>;
}

export type EntityColumn = 'src_ip' | 'host_name' | 'user_name';

/** Every stored event of the given entities within the time range, bounded, oldest first. */
export function selectEntityWindow(
  db: Executor,
  orgId: OrgId,
  column: EntityColumn,
  values: readonly string[],
  range: { from: Date; to: Date },
  limit: number,
): Promise<DetectionEventRow[]> {
  const entity =
    column === 'src_ip'
      ? sql<boolean>`events.src_ip = any(${[...values]}::inet[])`
      : sql<boolean>`${sql.ref(`events.${column}`)} = any(${[...values]}::text[])`;
  return db
    .selectFrom('events')
    .select(SLIM)
    .where('events.org_id', '=', orgId)
    .where(entity)
    .where('events.occurred_at', '>=', range.from)
    .where('events.occurred_at', '<=', range.to)
    .orderBy('events.occurred_at')
    .limit(limit)
    .execute() as Promise<DetectionEventRow[]>;
}

export async function hasEventsAfter(db: Executor, orgId: OrgId, afterId: number): Promise<boolean> {
  const row = await db.selectFrom('events').select('events.id').where('events.org_id', '=', orgId).where('events.id', '>', afterId).limit(1).executeTakeFirst();
  return row !== undefined;
}
