import { sql } from 'kysely';
import type { Executor, OrgId } from '../../core/database.ts';

/** One row of the events table, as the ingest service prepares it (snake_case, JSON already serialised). */
export type EventInsert = {
  occurred_at: Date;
  channel: string;
  source_kind: string;
  kind: string;
  category: string;
  action: string;
  outcome: string;
  severity: number;
  src_ip: string | null;
  src_port: number | null;
  dst_ip: string | null;
  dst_port: number | null;
  transport: string | null;
  host_name: string | null;
  user_name: string | null;
  process_name: string | null;
  process_command_line: string | null;
  url: string | null;
  file_name: string | null;
  file_sha256: string | null;
  file_md5: string | null;
  sensor_id: string | null;
  session_id: string | null;
  agent_id: string | null;
  device_id: string | null;
  message: string | null;
  attributes: string;
  raw: string | null;
  dedup_key: string;
};

const COLUMNS: readonly [keyof EventInsert, string][] = [
  ['occurred_at', 'timestamptz'],
  ['channel', 'text'],
  ['source_kind', 'text'],
  ['kind', 'text'],
  ['category', 'text'],
  ['action', 'text'],
  ['outcome', 'text'],
  ['severity', 'smallint'],
  ['src_ip', 'inet'],
  ['src_port', 'integer'],
  ['dst_ip', 'inet'],
  ['dst_port', 'integer'],
  ['transport', 'text'],
  ['host_name', 'text'],
  ['user_name', 'text'],
  ['process_name', 'text'],
  ['process_command_line', 'text'],
  ['url', 'text'],
  ['file_name', 'text'],
  ['file_sha256', 'text'],
  ['file_md5', 'text'],
  ['sensor_id', 'text'],
  ['session_id', 'text'],
  ['agent_id', 'uuid'],
  ['device_id', 'uuid'],
  ['message', 'text'],
  ['attributes', 'jsonb'],
  ['raw', 'json'],
  ['dedup_key', 'text'],
];

/** The columns a batch insert writes, in order (the benchmark's COPY baseline writes the same). */
export const EVENT_INSERT_COLUMNS: readonly (keyof EventInsert)[] = COLUMNS.map(([column]) => column);

/**
 * Inserts a batch in one statement (one array parameter per column, unnested server-side); a row
 * whose dedup key is already stored for that time is skipped. Returns the ids actually inserted.
 */
export async function insertEventsDeduplicated(db: Executor, orgId: OrgId, rows: readonly EventInsert[]): Promise<number[]> {
  if (rows.length === 0) return [];
  const arrays = COLUMNS.map(([column, type]) => sql`${rows.map((row) => row[column])}::${sql.raw(type)}[]`);
  const names = sql.join(COLUMNS.map(([column]) => sql.ref(column)));
  const result = await sql<{ id: number }>`
    insert into events (org_id, ${names})
    select ${orgId}::uuid, * from unnest(${sql.join(arrays)})
    on conflict (org_id, dedup_key, occurred_at) do nothing
    returning id`.execute(db);
  return result.rows.map((row) => Number(row.id));
}
