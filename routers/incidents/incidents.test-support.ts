import { insertAlert } from '../../db/repos/alerts.repo.ts';
import { runDetectionOnce } from '../../services/detection/run-detection.service.ts';
import { ingestRecords } from '../../services/ingest/ingest.service.ts';
import { orgServiceContext, type TestOrg } from '../../tests/factories.ts';
import type { TestServerHandle } from '../../tests/harness.ts';

// Telemetry stamped relative to now (half an hour ago), so default analytics windows include it.
export const BASE_MS = Math.floor((Date.now() - 30 * 60_000) / 1000) * 1000;

export const failedLogin = (ip: string, second: number, user = 'root') => ({
  eventid: 'cowrie.login.failed',
  timestamp: new Date(BASE_MS + second * 1000).toISOString(),
  src_ip: ip,
  src_port: 40_000 + second,
  dst_ip: '10.0.0.2',
  dst_port: 22,
  session: `${ip}-${second}`,
  username: user,
  password: `guess${second}`,
  message: `login attempt [${user}/guess${second}] failed`,
});

export const commandInput = (ip: string, second: number, input: string) => ({
  eventid: 'cowrie.command.input',
  timestamp: new Date(BASE_MS + second * 1000).toISOString(),
  src_ip: ip,
  src_port: 40_000 + second,
  dst_ip: '10.0.0.2',
  dst_port: 22,
  session: `${ip}-cmd-${second}`,
  input,
});

export const zeekScan = (ip: string, ports: number, target = '10.0.0.5') =>
  Array.from({ length: ports }, (_, index) => ({
    _path: 'conn',
    ts: (BASE_MS + 120_000 + index * 100) / 1000,
    uid: `Cscan${ip.replaceAll('.', '')}${index}`,
    'id.orig_h': ip,
    'id.orig_p': 61_000,
    'id.resp_h': target,
    'id.resp_p': 20 + index,
    proto: 'tcp',
    conn_state: 'REJ',
  }));

export const benignConn = (index: number) => ({
  _path: 'conn',
  ts: (BASE_MS + 300_000 + index * 1000) / 1000,
  uid: `Cbenign${index}`,
  'id.orig_h': '10.0.0.20',
  'id.orig_p': 50_000 + index,
  'id.resp_h': '10.0.0.30',
  'id.resp_p': 443,
  proto: 'tcp',
  conn_state: 'SF',
});

/** POST /ingest/multi as the org admin (a user bearer), the way a relay without device keys would. */
export async function postMulti(t: TestServerHandle, org: TestOrg, sourceType: 'cowrie' | 'zeek', events: unknown[]) {
  const response = await t.http.post('/ingest/multi', { source_type: sourceType, hostname: 'honeypot-1', events }, org.admin.headers);
  if (response.status !== 200) throw new Error(`ingest failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

export const detect = (t: TestServerHandle, org: TestOrg) => runDetectionOnce(t.deps, org.orgId, 0);

/** Seeds a brute force (6 failures) and a port scan through the services, then runs detection: two incidents. */
export async function seedIncidents(t: TestServerHandle, org: TestOrg, bruteIp = '203.0.113.10', scanIp = '192.0.2.66') {
  const ctx = orgServiceContext(t.deps, org);
  await ingestRecords(ctx, { channel: 'cowrie', source: 'cowrie', records: Array.from({ length: 6 }, (_, i) => failedLogin(bruteIp, i * 5)) });
  await ingestRecords(ctx, { channel: 'multi', source: 'zeek', records: zeekScan(scanIp, 20) });
  await detect(t, org);
  const incidents = await t.deps.db.selectFrom('incidents').selectAll().where('org_id', '=', org.orgId).orderBy('id').execute();
  const brute = incidents.find((incident) => incident.threat_category === 'brute_force');
  const scan = incidents.find((incident) => incident.threat_category === 'reconnaissance');
  if (!brute || !scan) throw new Error(`expected two incidents, got ${incidents.map((i) => i.threat_category).join(', ')}`);
  const alert = await t.deps.db.selectFrom('alerts').selectAll().where('org_id', '=', org.orgId).where('incident_id', '=', brute.id).executeTakeFirstOrThrow();
  return { brute: Number(brute.id), scan: Number(scan.id), alertId: Number(alert.id) };
}

/** An alert no detection filed under an incident (e.g. one made by hand), for from-alert. */
export async function insertLooseAlert(t: TestServerHandle, org: TestOrg, srcIp = '198.51.100.7') {
  const at = new Date(BASE_MS);
  const alert = await insertAlert(t.deps.db, org.orgId, {
    fingerprint: `manual|${srcIp}|${Math.random()}`,
    source: 'manual',
    title: `Suspicious logins from ${srcIp}`,
    description: 'Reported by the helpdesk',
    category: 'brute_force',
    severity: 'high',
    entity_type: 'src_ip',
    entity_value: srcIp,
    src_ip: srcIp,
    mitre: ['T1110'],
    evidence: JSON.stringify([{ name: 'reports', observed: 1, threshold: 1, weight: 1 }]),
    occurrences: 3,
    first_seen_at: at,
    last_seen_at: at,
  });
  return Number(alert.id);
}
