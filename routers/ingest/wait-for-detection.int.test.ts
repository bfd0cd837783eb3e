import { describe, expect, it } from 'vitest';
import { createTestOrg, type TestOrg } from '../../tests/fixtures/identity.ts';
import { bruteForceBurst, postSigned, registerDevice } from '../../tests/fixtures/ingest.ts';
import { useTestServer } from '../../tests/harness.ts';

// No worker runs in this server: with wait_for_detection the request itself runs the detection passes.
const t = useTestServer();

type ListedIncident = { id: number; src_ip: string; threat_category: string };
const listIncidents = async (org: TestOrg) => (await t.http.get<ListedIncident[]>('/incidents', org.admin.headers)).body;

describe('wait_for_detection on /ingest/multi and /ingest/cowrie', () => {
  it('a brute-force batch with ?wait_for_detection=true answers the incident that GET /incidents then lists', async () => {
    const org = await createTestOrg(t.deps);
    const key = (await t.http.post('/api/keys', { name: 'mini-xdr-script', role: 'analyst' }, org.admin.headers)).body.key as string;
    const events = bruteForceBurst('198.51.100.61', 'wait-multi');
    const response = await t.http.post('/ingest/multi?wait_for_detection=true', { source_type: 'cowrie', hostname: 'tpot', events }, { 'x-api-key': key });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ received: 8, processed: 8, stored: 8, detection_complete: true, incidents_detected: 1 });
    const incidents = await listIncidents(org);
    expect(incidents.map((incident) => incident.id)).toEqual(response.body.incident_ids);
    expect(incidents[0]).toMatchObject({ src_ip: '198.51.100.61', threat_category: 'brute_force' });
  });

  it('a signing device asks in the signed body; the answer names the same incident as the listing', async () => {
    const org = await createTestOrg(t.deps);
    const device = await registerDevice(t, org);
    const body = JSON.stringify({ events: bruteForceBurst('198.51.100.62', 'wait-cowrie'), wait_for_detection: true });
    const response = await postSigned(t, device, '/ingest/cowrie', body);
    expect(response.body).toMatchObject({ stored: 8, detection_complete: true, incidents_detected: 1 });
    expect((await listIncidents(org)).map((incident) => incident.id)).toEqual(response.body.incident_ids);
  });

  it('without the flag the answer makes no claim about detection', async () => {
    const org = await createTestOrg(t.deps);
    const response = await t.http.post('/ingest/cowrie', bruteForceBurst('198.51.100.63', 'no-wait'), org.admin.headers);
    expect(response.body).toMatchObject({ stored: 8, processed: 8 });
    expect(response.body).not.toHaveProperty('incidents_detected');
    expect(response.body).not.toHaveProperty('detection_complete');
  });
});
