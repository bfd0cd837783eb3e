import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrgId } from '../../core/database.ts';
import { insertEventsDeduplicated } from '../../db/repos/events.repo.ts';
import { partitionName, unsafeEnsureEventPartition, unsafeListEventPartitions } from '../../db/unsafe/event-partitions.ts';
import { parseCowrie } from '../../engines/telemetry/index.ts';
import type { Deps } from '../../server/deps.ts';
import { createTestOrg, orgServiceContext } from '../../tests/fixtures/identity.ts';
import { createTestDeps } from '../../tests/harness.ts';
import { applyEventRetention, toEventRow } from '../events/index.ts';
import { ingestRecords } from './ingest.service.ts';

let deps: Deps;
beforeAll(async () => {
  deps = await createTestDeps();
});
afterAll(async () => {
  await deps.close();
});

const HOUR_MS = 3_600_000;

const command = (timestamp: string, session: string, extra: Record<string, unknown> = {}) => ({
  eventid: 'cowrie.command.input',
  timestamp,
  src_ip: '198.51.100.23',
  session,
  input: 'uname -a',
  ...extra,
});

async function storedRows(orgId: OrgId) {
  const result = await sql<{ session_id: string; occurred_at: string; partition: string }>`
    select session_id, occurred_at::text as occurred_at, tableoid::regclass::text as partition
    from events where org_id = ${orgId} order by session_id`.execute(deps.db);
  return result.rows;
}

describe('event times at ingest', () => {
  it('rejects by index an event dated further ahead than EVENT_MAX_FUTURE_SKEW_SECONDS, stores the rest, and makes no partition for it', async () => {
    const org = await createTestOrg(deps);
    const now = Date.now();
    const farAhead = new Date(now + 3 * 24 * HOUR_MS);
    const records = [
      command(new Date(now - HOUR_MS).toISOString(), 'now'),
      command(farAhead.toISOString(), 'far-ahead'),
      command(new Date(now + 23 * HOUR_MS).toISOString(), 'clock-ahead'),
    ];
    const result = await ingestRecords(orgServiceContext(deps, org), { channel: 'cowrie', source: 'cowrie', records });
    expect(result).toMatchObject({ received: 3, stored: 2, rejected: [{ index: 1, reason: 'timestamp_in_future' }] });
    expect(result.events).toHaveLength(2);
    expect((await storedRows(org.orgId)).map((row) => row.session_id)).toEqual(['clock-ahead', 'now']);
    expect((await unsafeListEventPartitions(deps.db)).map((partition) => partition.name)).not.toContain(partitionName(farAhead));
  });

  it('stores a year-0050 event (in the archive) and a record with a 4,000-character id beside a year-9999 one, with no batch failure', async () => {
    const org = await createTestOrg(deps);
    const records = [
      command('0050-06-01T12:00:00Z', 'year-0050'),
      command('9999-12-30T12:00:00Z', 'year-9999'),
      command(new Date(Date.now() - HOUR_MS).toISOString(), 'long-id', { id: 'x'.repeat(4000) }),
    ];
    const result = await ingestRecords(orgServiceContext(deps, org), { channel: 'cowrie', source: 'cowrie', records });
    expect(result).toMatchObject({ stored: 2, rejected: [{ index: 1, reason: 'timestamp_in_future' }] });
    const rows = await storedRows(org.orgId);
    expect(rows.map((row) => [row.session_id, row.partition])).toEqual([
      ['long-id', partitionName(new Date(Date.now() - HOUR_MS))],
      ['year-0050', 'events_archive'],
    ]);
    expect(rows[1]?.occurred_at).toBe('0050-06-01 12:00:00+00');
    // that day can no longer get a partition: PostgreSQL refuses one whose rows already sit in the archive
    expect(await unsafeEnsureEventPartition(deps.db, new Date('0050-06-01T00:00:00Z'))).toBe('archived');
  });

  it('writes day partition bounds that hold the first and last storable days and the years 0001–0999', async () => {
    const org = await createTestOrg(deps);
    const days = ['0001-01-01T00:00:00Z', '0077-07-07T00:00:00Z', '0999-12-31T00:00:00Z', '9999-12-30T00:00:00Z'];
    const rows = days.map((day, index) => {
      const parsed = parseCowrie(command(day.replace('T00:00:00Z', 'T23:59:59.999Z'), `bound-${index}`), { receivedAt: new Date() });
      if (!parsed.ok) throw new Error(`fixture did not parse: ${parsed.reason}`);
      return toEventRow(parsed.event, { channel: 'cowrie' });
    });
    for (const day of days) expect(await unsafeEnsureEventPartition(deps.db, new Date(day))).toBe('ready');
    expect(await insertEventsDeduplicated(deps.db, org.orgId, rows)).toHaveLength(4);
    const stored = await storedRows(org.orgId);
    expect(stored.map((row) => row.partition)).toEqual(['events_p00010101', 'events_p00770707', 'events_p09991231', 'events_p99991230']);
    expect(stored.map((row) => row.occurred_at)).toEqual([
      '0001-01-01 23:59:59.999+00',
      '0077-07-07 23:59:59.999+00',
      '0999-12-31 23:59:59.999+00',
      '9999-12-30 23:59:59.999+00',
    ]);
  });

  it('recovers when partitions it remembers are dropped behind its back (another process), instead of failing every batch', async () => {
    const org = await createTestOrg(deps);
    const ctx = orgServiceContext(deps, org);
    const at = new Date(Date.now() - HOUR_MS);
    const ingest = (session: string) =>
      ingestRecords(ctx, {
        channel: 'cowrie',
        source: 'cowrie',
        records: [command(at.toISOString(), `${session}-now`), command('2018-05-05T05:05:05Z', `${session}-old`)],
      });
    expect((await ingest('first')).stored).toBe(2);
    await sql`drop table ${sql.table(partitionName(at))}`.execute(deps.db);
    await sql`drop table events_archive`.execute(deps.db);

    expect((await ingest('second')).stored).toBe(2);
    expect((await storedRows(org.orgId)).map((row) => [row.session_id, row.partition])).toEqual([
      ['second-now', partitionName(at)],
      ['second-old', 'events_archive'],
    ]);
  });

  it('retention drops day partitions beyond the accepted window, made before the future limit existed', async () => {
    const now = new Date();
    await unsafeEnsureEventPartition(deps.db, new Date('2300-01-01T00:00:00Z'));
    const result = await applyEventRetention(deps.db, { retentionDays: 30, maxFutureSkewSeconds: 86_400 }, now);
    expect(result.beyondWindow).toContain('events_p23000101');
    const names = (await unsafeListEventPartitions(deps.db)).map((partition) => partition.name);
    expect(names).not.toContain('events_p23000101');
    expect(names).toEqual(expect.arrayContaining([partitionName(now), partitionName(new Date(now.getTime() + 24 * HOUR_MS))]));
  });
});
