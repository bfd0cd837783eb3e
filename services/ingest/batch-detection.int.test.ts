import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tryLockOrgDetection } from '../../db/repos/detection-cursors.repo.ts';
import type { Deps } from '../../server/deps.ts';
import { createTestOrg, orgServiceContext } from '../../tests/fixtures/identity.ts';
import { bruteForceBurst } from '../../tests/fixtures/ingest.ts';
import { createTestDeps } from '../../tests/harness.ts';
import { SETTLE_SECONDS } from '../detection/index.ts';
import { awaitBatchDetection } from './batch-detection.service.ts';
import { indexed, ingestIndexed } from './ingest-summary.ts';

let deps: Deps;
beforeAll(async () => {
  deps = await createTestDeps();
});
afterAll(async () => {
  await deps.close();
});

async function storeBurst(ip: string) {
  const org = await createTestOrg(deps);
  const ctx = orgServiceContext(deps, org);
  const batch = await ingestIndexed(ctx, { channel: 'cowrie', source: 'cowrie' }, indexed(bruteForceBurst(ip, ip)));
  return { ctx, batch };
}

describe('awaitBatchDetection', () => {
  it('claims nothing when its wait ends before a pass has read the batch, and names the incident once one has', async () => {
    const { ctx, batch } = await storeBurst('198.51.100.71');
    expect(batch.storedIds).toHaveLength(8);
    expect(await awaitBatchDetection(ctx, batch, 0)).toEqual({ detection_complete: false, incidents_detected: 0, incident_ids: [] });
    const done = await awaitBatchDetection(ctx, batch);
    expect(done).toMatchObject({ detection_complete: true, incidents_detected: 1 });
    const incidents = await deps.db.selectFrom('incidents').select('id').where('org_id', '=', ctx.orgId).execute();
    expect(done.incident_ids).toEqual(incidents.map((incident) => Number(incident.id)));
  });

  it('waits for a pass another runner holds the lock for, instead of running a second one, and says when it ran out', async () => {
    const { ctx, batch } = await storeBurst('198.51.100.72');
    const whileLocked = await deps.db.transaction().execute(async (trx) => {
      expect(await tryLockOrgDetection(trx, ctx.orgId)).toBe(true);
      // long enough for the batch to settle, so the wait does try a pass and finds the lock taken
      return awaitBatchDetection(ctx, batch, (SETTLE_SECONDS + 1) * 1000);
    });
    expect(whileLocked).toEqual({ detection_complete: false, incidents_detected: 0, incident_ids: [] });
    expect(await awaitBatchDetection(ctx, batch)).toMatchObject({ detection_complete: true, incidents_detected: 1 });
  });

  it('does not wait when the request stored nothing (a replay reports no incident of its own)', async () => {
    const { ctx } = await storeBurst('198.51.100.73');
    expect(await awaitBatchDetection(ctx, { storedIds: [], earliestOccurredAt: null }, 0)).toEqual({
      detection_complete: true,
      incidents_detected: 0,
      incident_ids: [],
    });
  });
});
