import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unsafeListEventPartitions } from '../../db/unsafe/event-partitions.ts';
import type { Deps } from '../../server/deps.ts';
import { createTestOrg, orgServiceContext } from '../../tests/fixtures/identity.ts';
import { createTestDeps } from '../../tests/harness.ts';
import { dropExpiredEventPartitions } from '../events/index.ts';
import { ingestRecords } from './ingest.service.ts';

let deps: Deps;
beforeAll(async () => {
  deps = await createTestDeps();
});
afterAll(async () => {
  await deps.close();
});

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

  it('creates day partitions on demand, and retention drops whole expired days', async () => {
    const org = await createTestOrg(deps);
    const old = login({ timestamp: '2019-03-04T05:06:07Z', session: 'old' });
    expect((await ingestRecords(orgServiceContext(deps, org), { channel: 'cowrie', source: 'cowrie', records: [old] })).stored).toBe(1);
    expect((await unsafeListEventPartitions(deps.db)).map((partition) => partition.name)).toContain('events_p20190304');
    const dropped = await dropExpiredEventPartitions(deps.db, 30, new Date('2026-11-24T00:00:00Z'));
    expect(dropped).toContain('events_p20190304');
    expect(dropped).not.toContain('events_p20261121');
    const left = await sql<{ n: number }>`select count(*)::int as n from events where org_id = ${org.orgId}`.execute(deps.db);
    expect(left.rows[0]?.n).toBe(0);
    expect((await ingestRecords(orgServiceContext(deps, org), { channel: 'cowrie', source: 'cowrie', records: [old] })).stored).toBe(1);
  });
});
