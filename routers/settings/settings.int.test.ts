import { describe, expect, it } from 'vitest';
import { recordDetectorRuns } from '../../db/repos/detector-health.repo.ts';
import { DEFAULT_DETECTION_SETTINGS, DETECTORS } from '../../engines/detection/index.ts';
import { runDetectionOnce } from '../../services/detection/index.ts';
import { ingestRecords } from '../../services/ingest/index.ts';
import { orgWithAgent } from '../../tests/fixtures/agents.ts';
import { failedLogins, ingestAndDetect } from '../../tests/fixtures/alerts.ts';
import { createTestOrg, orgServiceContext } from '../../tests/fixtures/identity.ts';
import { useTestServer } from '../../tests/harness.ts';

const t = useTestServer();
async function put(body: unknown, headers: Record<string, string>) {
  const response = await fetch(`${t.server.baseUrl}/api/detection/settings`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as any };
}
const issuePaths = (body: { issues?: { path: string }[] }) => (body.issues ?? []).map((issue) => issue.path);

describe('/settings/auto_contain', () => {
  it('takes the documented ?enabled= form, a body beside it winning', async () => {
    const org = await createTestOrg(t.deps);
    expect((await t.http.post('/settings/auto_contain?enabled=true', undefined, org.admin.headers)).body).toEqual({ enabled: true });
    expect((await t.http.post('/settings/auto_contain?enabled=true', { enabled: false }, org.admin.headers)).body).toEqual({ enabled: false });
  });

  it('is off by default, switched by an admin, audited, and read by every member', async () => {
    const org = await createTestOrg(t.deps);
    const [viewer, lead] = await Promise.all([org.addUser('viewer'), org.addUser('soc_lead')]);
    expect((await t.http.get('/settings/auto_contain', viewer.headers)).body).toEqual({ enabled: false });
    expect((await t.http.post('/settings/auto_contain', { enabled: true }, org.admin.headers)).body).toEqual({ enabled: true });
    expect((await t.http.get('/settings/auto_contain', viewer.headers)).body).toEqual({ enabled: true });
    expect((await t.http.post('/settings/auto_contain', { enabled: 'false' }, org.admin.headers)).body).toEqual({ enabled: false });
    // Mini-XDR's front-end posts the bare JSON boolean
    expect((await t.http.post('/settings/auto_contain', true, org.admin.headers)).body).toEqual({ enabled: true });
    expect((await t.http.post('/settings/auto_contain', false, org.admin.headers)).body).toEqual({ enabled: false });
    expect((await t.http.post('/settings/auto_contain', { enabled: true }, org.admin.headers)).body).toEqual({ enabled: true });
    expect((await t.http.post('/settings/auto_contain', { enabled: 'false' }, org.admin.headers)).body).toEqual({ enabled: false });
    for (const bad of [{}, { enabled: 'yes' }, { enabled: 1 }, 'true', 1]) {
      const response = await t.http.post('/settings/auto_contain', bad, org.admin.headers);
      expect(response.status, JSON.stringify(bad)).toBe(400);
      expect(issuePaths(response.body)).toEqual(['enabled']);
    }
    expect((await t.http.post('/settings/auto_contain', { enabled: true }, lead.headers)).status).toBe(403);
    expect((await t.http.post('/settings/auto_contain', { enabled: true }, viewer.headers)).status).toBe(403);
    const audit = await t.http.get<{ items: { details: object }[] }>('/api/audit?action=settings.auto_contain_changed', org.admin.headers);
    expect(audit.body.items.map((item) => item.details)).toEqual([
      { from: true, to: false },
      { from: false, to: true },
      { from: true, to: false },
      { from: false, to: true },
      { from: true, to: false },
      { from: false, to: true },
    ]);
  });
});

describe('/api/detection/settings', () => {
  it('shows the defaults, takes a validated override that detection then uses, and audits it', async () => {
    const org = await createTestOrg(t.deps);
    const initial = await t.http.get('/api/detection/settings', org.admin.headers);
    expect(initial.body).toMatchObject({ effective: DEFAULT_DETECTION_SETTINGS, defaults: DEFAULT_DETECTION_SETTINGS, override: {}, override_valid: true });

    const saved = await put({ bruteForce: { minFailures: 3 }, disabledDetectors: ['port_scan'] }, org.admin.headers);
    expect(saved.status).toBe(200);
    expect(saved.body.override).toEqual({ bruteForce: { minFailures: 3 }, disabledDetectors: ['port_scan'] });
    expect(saved.body.effective.bruteForce).toEqual({ windowSeconds: 60, minFailures: 3, highSeverityFailures: 12 });
    expect((await t.http.get('/api/detection/settings', org.admin.headers)).body.override).toEqual(saved.body.override);

    await ingestAndDetect(t.deps, org, 'cowrie', failedLogins('203.0.113.40', 3));
    expect((await t.http.get('/alerts?category=brute_force', org.admin.headers)).body).toHaveLength(1);
    const audit = await t.http.get('/api/audit?action=settings.detection_changed', org.admin.headers);
    expect(audit.body.items[0].details).toEqual({ from: {}, to: saved.body.override });
  });

  it('answers 400 with the field paths on bad input, and 403 to non-admins', async () => {
    const org = await createTestOrg(t.deps);
    const analyst = await org.addUser('analyst');
    const cases: [unknown, string][] = [
      [{ bruteForce: { minFailures: 0 } }, 'bruteForce.minFailures'],
      [{ bruteForce: { minFailures: 'six' } }, 'bruteForce.minFailures'],
      [{ bruteForce: { minFailures: 20 } }, 'bruteForce.highSeverityFailures'],
      [{ bruteForce: { maxFailures: 3 } }, 'bruteForce'],
      [{ disabledDetectors: ['ssh_brute_force', 'nope'] }, 'disabledDetectors.1'],
      [{ suricata: { minEventSeverity: 9 } }, 'suricata.minEventSeverity'],
    ];
    for (const [body, path] of cases) {
      const response = await put(body, org.admin.headers);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(issuePaths(response.body), JSON.stringify(body)).toEqual([path]);
    }
    expect((await put({ unknownSection: {} }, org.admin.headers)).status).toBe(400);
    expect((await put({ bruteForce: { minFailures: 3 } }, analyst.headers)).status).toBe(403);
    expect((await t.http.get('/api/detection/settings', analyst.headers)).status).toBe(200);
    expect((await t.http.get('/api/detection/settings', org.admin.headers)).body.override).toEqual({});
  });
});

describe('/api/detection/health', () => {
  it('lists every detector, the cursor and the lag, before and after a pass', async () => {
    const org = await createTestOrg(t.deps);
    const viewer = await org.addUser('viewer');
    const before = await t.http.get('/api/detection/health', viewer.headers);
    expect(before.status).toBe(200);
    expect(before.body.detectors.map((row: { detector: string }) => row.detector)).toEqual(DETECTORS.map((detector) => detector.id));
    expect(before.body.detectors.every((row: { status: string }) => row.status === 'idle')).toBe(true);
    expect(before.body).toMatchObject({ cursor: { last_event_id: 0, updated_at: null }, lag: { events: 0, capped: false, seconds: 0 } });

    await ingestRecords(orgServiceContext(t.deps, org), { channel: 'cowrie', source: 'cowrie', records: failedLogins('203.0.113.50', 6) });
    const pending = await t.http.get('/api/detection/health', viewer.headers);
    expect(pending.body.lag).toMatchObject({ events: 6, capped: false, oldest_pending_received_at: expect.any(String) });

    await runDetectionOnce(t.deps, org.orgId, 0);
    const after = await t.http.get('/api/detection/health', org.admin.headers);
    const ssh = after.body.detectors.find((row: { detector: string }) => row.detector === 'ssh_brute_force');
    expect(ssh).toMatchObject({ title: 'SSH/Telnet brute force', enabled: true, events_scanned: 6, matches: 1, errors: 0, status: 'ok' });
    expect(after.body.cursor.last_event_id).toBeGreaterThan(0);
    expect(after.body.lag).toMatchObject({ events: 0, oldest_pending_received_at: null });
  });

  it('reports failing and disabled detectors, and refuses agent keys', async () => {
    const org = await createTestOrg(t.deps);
    await recordDetectorRuns(t.deps.db, org.orgId, [{ detector: 'web_attack', scanned: 3, matches: 0, error: 'boom' }]);
    await put({ disabledDetectors: ['zeek_notice'] }, org.admin.headers);
    const health = await t.http.get('/api/detection/health', org.admin.headers);
    const row = (id: string) => health.body.detectors.find((detector: { detector: string }) => detector.detector === id);
    expect(row('web_attack')).toMatchObject({ status: 'failing', errors: 1, last_error: 'boom', last_error_at: expect.any(String) });
    expect(row('zeek_notice')).toMatchObject({ enabled: false, status: 'idle' });
    await recordDetectorRuns(t.deps.db, org.orgId, [{ detector: 'web_attack', scanned: 1, matches: 0 }]);
    const recovered = await t.http.get('/api/detection/health', org.admin.headers);
    expect(recovered.body.detectors.find((detector: { detector: string }) => detector.detector === 'web_attack')).toMatchObject({ status: 'ok', errors: 1 });
    const agent = await orgWithAgent(t.http, org, 'health-host');
    expect((await t.http.get('/api/detection/health', agent.headers)).status).toBe(403);
  });
});
