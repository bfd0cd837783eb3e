import { describe, expect, it } from 'vitest';
import { ingestRecords } from '../../services/ingest/index.ts';
import { failedLogins, ingestAndDetect } from '../../tests/fixtures/alerts.ts';
import { orgServiceContext } from '../../tests/fixtures/identity.ts';
import { useTestServer } from '../../tests/harness.ts';
import { createTwoOrgs } from '../../tests/tenancy.ts';

const t = useTestServer();

async function putDetection(body: unknown, headers: Record<string, string>): Promise<number> {
  const response = await fetch(`${t.server.baseUrl}/api/detection/settings`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  await response.body?.cancel();
  return response.status;
}

describe('settings.getAutoContain', () => {
  it("reads the caller's organisation only", async () => {
    const { a, b } = await createTwoOrgs(t.deps);
    await t.http.post('/settings/auto_contain', { enabled: true }, a.admin.headers);
    expect((await t.http.get('/settings/auto_contain', a.admin.headers)).body).toEqual({ enabled: true });
    expect((await t.http.get('/settings/auto_contain', b.admin.headers)).body).toEqual({ enabled: false });
  });
});

describe('settings.setAutoContain', () => {
  it("switches the caller's organisation only", async () => {
    const { a, b } = await createTwoOrgs(t.deps);
    expect((await t.http.post('/settings/auto_contain', { enabled: true, org_id: a.orgId }, b.admin.headers)).status).toBe(200);
    expect((await t.http.get('/settings/auto_contain', a.admin.headers)).body).toEqual({ enabled: false });
    const rows = await t.deps.db.selectFrom('org_settings').select(['org_id', 'auto_contain']).where('org_id', 'in', [a.orgId, b.orgId]).execute();
    expect(rows).toEqual([{ org_id: b.orgId, auto_contain: true }]);
  });
});

describe('settings.getDetectionSettings', () => {
  it("shows the caller's override only", async () => {
    const { a, b } = await createTwoOrgs(t.deps);
    expect(await putDetection({ bruteForce: { minFailures: 4 } }, a.admin.headers)).toBe(200);
    expect((await t.http.get('/api/detection/settings', b.admin.headers)).body).toMatchObject({ override: {}, updated_at: null });
  });
});

describe('settings.putDetectionSettings', () => {
  it("changes the caller's thresholds only: the other organisation keeps detecting with its own", async () => {
    const { a, b } = await createTwoOrgs(t.deps);
    expect(await putDetection({ bruteForce: { minFailures: 3 } }, b.admin.headers)).toBe(200);
    expect((await t.http.get('/api/detection/settings', a.admin.headers)).body.override).toEqual({});
    await ingestAndDetect(t.deps, a, 'cowrie', failedLogins('203.0.113.60', 3));
    await ingestAndDetect(t.deps, b, 'cowrie', failedLogins('203.0.113.60', 3));
    expect((await t.http.get('/alerts', a.admin.headers)).body).toEqual([]);
    expect((await t.http.get('/alerts', b.admin.headers)).body).toHaveLength(1);
  });
});

describe('settings.detectionHealth', () => {
  it("reports the caller's detectors, cursor and lag only", async () => {
    const { a, b } = await createTwoOrgs(t.deps);
    await ingestAndDetect(t.deps, a, 'cowrie', failedLogins('203.0.113.61', 6));
    await ingestRecords(orgServiceContext(t.deps, a), { channel: 'cowrie', source: 'cowrie', records: failedLogins('203.0.113.62', 2) });
    expect((await t.http.get('/api/detection/health', a.admin.headers)).body.lag.events).toBe(2);
    const health = await t.http.get('/api/detection/health', b.admin.headers);
    expect(health.body.cursor).toEqual({ last_event_id: 0, updated_at: null });
    expect(health.body.lag.events).toBe(0);
    expect(health.body.detectors.every((row: { status: string; events_scanned: number }) => row.status === 'idle' && row.events_scanned === 0)).toBe(true);
  });
});
