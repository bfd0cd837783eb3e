import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deps } from '../../server/deps.ts';
import { createTestOrg, orgServiceContext } from '../../tests/fixtures/identity.ts';
import { createTestDeps } from '../../tests/harness.ts';
import { retentionHorizon } from '../events/index.ts';
import { authenticateDeviceRequest, NONCE_RETENTION_SECONDS } from './device-auth.service.ts';
import { createDevice } from './devices.service.ts';
import { pruneIngestRecords } from './retention.service.ts';
import { signRequest } from './sign-request.ts';

let deps: Deps;
beforeAll(async () => {
  deps = await createTestDeps();
});
afterAll(async () => {
  await deps.close();
});

const setUp = async () => {
  const org = await createTestOrg(deps);
  const ctx = orgServiceContext(deps, org);
  const { row, secret } = await createDevice(ctx, { name: 'hp', ttlDays: null });
  const seen = (nonce: string, secondsAgo: number) =>
    deps.db
      .insertInto('device_nonces')
      .values({ org_id: org.orgId, device_id: row.id, nonce, seen_at: new Date(Date.now() - secondsAgo * 1000) })
      .execute();
  const nonces = async () => (await deps.db.selectFrom('device_nonces').select('nonce').where('device_id', '=', row.id).execute()).map((r) => r.nonce).sort();
  return { ctx, row, secret, seen, nonces };
};

describe('device nonces', () => {
  it('are kept for twice the allowed skew, then pruned by the daily retention job', async () => {
    const { seen, nonces } = await setUp();
    await seen('old-nonce-1', NONCE_RETENTION_SECONDS + 5);
    await seen('recent-nonce', 2 * 300 - 5);
    const pruned = await pruneIngestRecords(deps.db, retentionHorizon(30));
    expect(pruned.nonces).toBeGreaterThanOrEqual(1);
    expect(await nonces()).toEqual(['recent-nonce']);
  });

  it('are pruned for one device when it is next seen, and a replay inside the window is refused', async () => {
    const { ctx, row, secret, seen, nonces } = await setUp();
    await seen('old-nonce-2', NONCE_RETENTION_SECONDS + 5);
    const now = new Date();
    const request = { method: 'POST', path: '/ingest/cowrie', body: '{}', timestamp: Math.floor(now.getTime() / 1000), nonce: 'fresh-nonce' };
    const headers = Object.fromEntries(Object.entries(signRequest({ deviceId: row.device_id, secret }, request)).map(([k, v]) => [k.toLowerCase(), v]));
    const signed = { headers, method: 'POST', path: '/ingest/cowrie', rawBody: Buffer.from('{}') };
    const { ctx: deviceCtx } = await authenticateDeviceRequest(ctx, signed, now);
    expect(deviceCtx).toMatchObject({ orgId: row.org_id, principal: { actorType: 'device', actorId: row.id, role: 'device' } });
    expect(await nonces()).toEqual(['fresh-nonce']);
    await expect(authenticateDeviceRequest(ctx, signed, new Date(now.getTime() + 299_000))).rejects.toThrow('Reused nonce');
    await expect(authenticateDeviceRequest(ctx, signed, new Date(now.getTime() + 301_000))).rejects.toThrow('Stale timestamp');
  });
});
