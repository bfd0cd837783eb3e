import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { EVENT_INSERT_COLUMNS, type EventInsert } from '../../db/repos/events.repo.ts';

const COLUMNS = EVENT_INSERT_COLUMNS;

function copyText(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  const text = value instanceof Date ? value.toISOString() : String(value);
  return text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t');
}

/** The raw-speed reference: COPY the same rows into a plain table with the same indexes. */
export async function copyIntoScratchTable(pool: pg.Pool, orgId: string, batches: EventInsert[][]): Promise<number> {
  const client = await pool.connect();
  try {
    await client.query('drop table if exists bench_copy_baseline');
    await client.query(`create table bench_copy_baseline (id bigint generated always as identity, org_id uuid not null, received_at timestamptz not null default now(),
      occurred_at timestamptz not null, channel text not null, source_kind text not null, kind text not null, category text not null, action text not null,
      outcome text not null, severity smallint not null, src_ip inet, src_port integer, dst_ip inet, dst_port integer, transport text, host_name text,
      user_name text, process_name text, process_command_line text, url text, file_name text, file_sha256 text, file_md5 text, sensor_id text,
      session_id text, agent_id uuid, device_id uuid, message text, attributes jsonb not null, raw json, dedup_key text not null,
      primary key (id, occurred_at), unique (org_id, dedup_key, occurred_at))`);
    await client.query('create index on bench_copy_baseline (org_id, occurred_at desc)');
    await client.query('create index on bench_copy_baseline (org_id, src_ip, occurred_at desc)');
    await client.query('create index on bench_copy_baseline (org_id, id)');
    const started = performance.now();
    for (const batch of batches) {
      const lines = batch.map((row) => `${[orgId, ...COLUMNS.map((column) => row[column])].map(copyText).join('\t')}\n`);
      await pipeline(Readable.from(lines), client.query(copyFrom(`copy bench_copy_baseline (org_id, ${COLUMNS.join(', ')}) from stdin`)));
    }
    const seconds = (performance.now() - started) / 1000;
    await client.query('drop table bench_copy_baseline');
    return seconds;
  } finally {
    client.release();
  }
}
