import type { Selectable } from 'kysely';
import type { Executor, OrgId } from '../../core/database.ts';
import { EVENT_SUMMARY_COLUMNS } from '../repos/events.repo.ts';
import type { Events } from '../schema.generated.ts';

/** What rules read of a stored event: every normalised column, attributes and the record as received. */
export type RuleEventRow = Pick<
  Selectable<Events>,
  | 'id'
  | 'occurred_at'
  | 'source_kind'
  | 'kind'
  | 'category'
  | 'action'
  | 'outcome'
  | 'severity'
  | 'src_ip'
  | 'src_port'
  | 'dst_ip'
  | 'dst_port'
  | 'transport'
  | 'host_name'
  | 'user_name'
  | 'process_name'
  | 'process_command_line'
  | 'url'
  | 'file_name'
  | 'file_sha256'
  | 'file_md5'
  | 'sensor_id'
  | 'session_id'
  | 'message'
  | 'attributes'
  | 'raw'
>;

const RULE_EVENT_COLUMNS = [
  ...EVENT_SUMMARY_COLUMNS,
  'events.outcome',
  'events.src_port',
  'events.transport',
  'events.process_name',
  'events.process_command_line',
  'events.url',
  'events.file_name',
  'events.file_sha256',
  'events.file_md5',
  'events.sensor_id',
  'events.session_id',
  'events.message',
  'events.attributes',
  'events.raw',
] as const;

/** The events of one detection pass: ids in (afterId, throughId], as the cursor read them. */
export function selectRuleEventsInIdRange(db: Executor, orgId: OrgId, afterId: number, throughId: number): Promise<RuleEventRow[]> {
  return db
    .selectFrom('events')
    .select(RULE_EVENT_COLUMNS)
    .where('events.org_id', '=', orgId)
    .where('events.id', '>', afterId)
    .where('events.id', '<=', throughId)
    .orderBy('events.id')
    .execute() as Promise<RuleEventRow[]>;
}

/** A page of stored events in a time range, by id (a replay walks the range page by page). */
export function selectRuleEventsInTimeRange(
  db: Executor,
  orgId: OrgId,
  range: { from: Date; to: Date },
  afterId: number,
  limit: number,
): Promise<RuleEventRow[]> {
  return db
    .selectFrom('events')
    .select(RULE_EVENT_COLUMNS)
    .where('events.org_id', '=', orgId)
    .where('events.occurred_at', '>=', range.from)
    .where('events.occurred_at', '<', range.to)
    .where('events.id', '>', afterId)
    .orderBy('events.id')
    .limit(limit)
    .execute() as Promise<RuleEventRow[]>;
}

export async function countEventsInTimeRange(db: Executor, orgId: OrgId, range: { from: Date; to: Date }): Promise<number> {
  const row = await db
    .selectFrom('events')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where('events.org_id', '=', orgId)
    .where('events.occurred_at', '>=', range.from)
    .where('events.occurred_at', '<', range.to)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}
