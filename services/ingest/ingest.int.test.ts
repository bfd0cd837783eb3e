import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrgId } from '../../core/database.ts';
import { partitionName, unsafeListEventPartitions } from '../../db/unsafe/event-partitions.ts';
import type { Deps } from '../../server/deps.ts';
import { createTestOrg, orgServiceContext } from '../../tests/fixtures/identity.ts';
import { createTestDeps } from '../../tests/harness.ts';
import { applyEventRetention } from '../events/index.ts';
import { ingestRecords } from './ingest.service.ts';

let deps: Deps;
beforeAll(async () => {
  deps = await createTestDeps();
});
afterAll(async () => {
  await deps.close();
});

const DAY_MS = 86_400_000;

/** The partitions holding the organisation's events, in occurred_at order. */
async function partitionsOf(orgId: OrgId): Promise<string[]> {
  const result = await sql<{ name: string }>`select tableoid::regclass::text as name from events where org_id = ${orgId} order by occurred_at`.execute(deps.db);
  return result.rows.map((row) => row.name);
}

const login = (overrides: Record<string, unknown> = {}) => ({
  eventid: 'cowrie.login.failed',
  timestamp: '2026-11-20T10:00:00.000000Z',
  src_ip: '198.51.100.7',
  src_port: 50122,
  dst_ip: '10.0.0.5',
  dst_port: 22,
  session: 'a1b2c3d4',
  username: 'root',
  password: "' OR 1=1--",
  sensor: 'hp-1',
  ...overrides,
});

describe('ingestRecords', () => {
  it('stores a batch, deduplicates its replay and rejects a malformed record alone', async () => {
    const org = await createTestOrg(deps);
    const ctx = orgServiceContext(deps, org);
    const records = [login(), login({ timestamp: '2026-11-20T10:00:01.000000Z', password: '<script>alert(1)</script>' }), { no: 'eventid' }, 'not json'];
    const first = await ingestRecords(ctx, { channel: 'cowrie', source: 'cowrie', records });
    expect(first).toMatchObject({ received: 4, stored: 2, deduplicated: 0 });
    expect(first.rejected.map((rejection) => rejection.index)).toEqual([2, 3]);
    const replay = await ingestRecords(ctx, { channel: 'cowrie', source: 'cowrie', records });
    expect(replay).toMatchObject({ stored: 0, deduplicated: 2 });

    const rows = await deps.db.selectFrom('events').selectAll().where('org_id', '=', org.orgId).orderBy('occurred_at').execute();
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      action: 'cowrie.login.failed',
      src_ip: '198.51.100.7',
      dst_port: 22,
      user_name: 'root',
      channel: 'cowrie',
      outcome: 'failure',
    });
    expect(rows[0]?.occurred_at.toISOString()).toBe('2026-11-20T10:00:00.000Z');
    const raws = rows.map((row) => row.raw as { password: string });
    expect(raws.map((raw) => raw.password)).toEqual(["' OR 1=1--", '<script>alert(1)</script>']);
  });

  it('keeps tenants apart: the same record in two organisations is stored twice', async () => {
    const [a, b] = [await createTestOrg(deps), await createTestOrg(deps)];
    const record = login({ timestamp: '2026-11-21T09:00:00Z' });
    expect((await ingestRecords(orgServiceContext(deps, a), { channel: 'cowrie', source: 'cowrie', records: [record] })).stored).toBe(1);
    expect((await ingestRecords(orgServiceContext(deps, b), { channel: 'cowrie', source: 'cowrie', records: [record] })).stored).toBe(1);
  });

  it('stores NUL characters without failing the batch', async () => {
    const org = await createTestOrg(deps);
    const result = await ingestRecords(orgServiceContext(deps, org), {
      channel: 'cowrie',
      source: 'cowrie',
      records: [{ eventid: 'cowrie.command.input', timestamp: '2026-11-21T09:00:00Z', src_ip: '198.51.100.9', session: 's', input: 'echo \u0000x' }],
    });
    expect(result.stored).toBe(1);
    const row = await deps.db.selectFrom('events').select(['process_command_line', 'raw']).where('org_id', '=', org.orgId).executeTakeFirstOrThrow();
    expect(row.process_command_line).toBe('echo \uFFFDx');
    expect((row.raw as { input: string }).input).toBe('echo \\u0000x');
  });

  // Was "creates day partitions on demand, and retention drops whole expired days", which expected a 2019 event to
  // create events_p20190304: under ADR 0008's amendment only the recent window gets day partitions.
  it('keeps day partitions for the recent window; an old import goes to the archive until retention deletes it by arrival', async () => {
    const org = await createTestOrg(deps);
    const ctx = orgServiceContext(deps, org);
    const now = new Date();
    const recentAt = new Date(now.getTime() - 2 * DAY_MS);
    const old = login({ timestamp: '2019-03-04T05:06:07Z', session: 'old' });
    const recent = login({ timestamp: recentAt.toISOString(), session: 'recent' });
    expect((await ingestRecords(ctx, { channel: 'cowrie', source: 'cowrie', records: [old, recent] })).stored).toBe(2);
    const names = (await unsafeListEventPartitions(deps.db)).map((partition) => partition.name);
    expect(names).not.toContain('events_p20190304');
    expect(names).toContain(partitionName(recentAt));
    expect(await partitionsOf(org.orgId)).toEqual(['events_archive', partitionName(recentAt)]);
    const found = await sql<{ n: number }>`
      select count(*)::int as n from events
      where org_id = ${org.orgId} and occurred_at >= '2019-03-04T00:00:00Z' and occurred_at < '2019-03-05T00:00:00Z'`.execute(deps.db);
    expect(found.rows[0]?.n).toBe(1);

    const policy = { retentionDays: 30, maxFutureSkewSeconds: 86_400 };
    const today = await applyEventRetention(deps.db, policy, now);
    expect(today.expired).not.toContain(partitionName(recentAt));
    expect(await partitionsOf(org.orgId)).toEqual(['events_archive', partitionName(recentAt)]);

    const later = await applyEventRetention(deps.db, policy, new Date(now.getTime() + 31 * DAY_MS));
    expect(later.expired).toContain(partitionName(recentAt));
    expect(later.archivedDeleted).toBeGreaterThanOrEqual(1);
    expect(await partitionsOf(org.orgId)).toEqual([]);
    expect((await ingestRecords(ctx, { channel: 'cowrie', source: 'cowrie', records: [old] })).stored).toBe(1);
    expect(await partitionsOf(org.orgId)).toEqual(['events_archive']);
  });
});
