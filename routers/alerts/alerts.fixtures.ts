import type { Deps } from '../../server/deps.ts';
import { runDetectionOnce } from '../../services/detection/run-detection.service.ts';
import { ingestRecords } from '../../services/ingest/ingest.service.ts';
import { orgServiceContext, type TestOrg } from '../../tests/factories.ts';
import type { HttpClient } from '../../tests/http-client.ts';

const base = Date.UTC(2026, 10, 23, 12, 0, 0);

export const failedLogins = (ip: string, count: number) =>
  Array.from({ length: count }, (_, second) => ({
    eventid: 'cowrie.login.failed',
    timestamp: new Date(base + second * 5000).toISOString(),
    src_ip: ip,
    src_port: 40000 + second,
    dst_port: 22,
    session: `${ip}-${second}`,
    username: 'root',
    password: `guess${second}`,
  }));

/** Stores events through the real ingest path and runs one detection pass, as the worker would. */
export async function ingestAndDetect(deps: Deps, org: TestOrg, source: 'cowrie' | 'suricata', records: unknown[]): Promise<void> {
  await ingestRecords(orgServiceContext(deps, org), { channel: source === 'cowrie' ? 'cowrie' : 'network', source, records });
  await runDetectionOnce(deps, org.orgId, 0);
}

/** A detector-made alert (SSH brute force from `ip`): no owner, no assignee. */
export async function detectorAlertId(deps: Deps, org: TestOrg, ip = '203.0.113.10'): Promise<number> {
  await ingestAndDetect(deps, org, 'cowrie', failedLogins(ip, 6));
  const row = await deps.db
    .selectFrom('alerts')
    .select('id')
    .where('org_id', '=', org.orgId)
    .where('detector', '=', 'ssh_brute_force')
    .where('src_ip', '=', ip)
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

export const reportBody = (overrides: Record<string, unknown> = {}) => ({
  title: 'Phishing mail clicked',
  description: 'User clicked a link in a reported mail',
  source: 'mail-gateway',
  category: 'phishing',
  severity: 'high',
  url: 'http://evil.example/login',
  sender: 'ceo@evil.example',
  username: 'alice',
  hostname: 'laptop-7',
  ...overrides,
});

/** An alert reported over HTTP by the organisation's admin. */
export async function reportedAlertId(http: HttpClient, org: TestOrg, overrides: Record<string, unknown> = {}): Promise<number> {
  const created = await http.post<{ id: number }>('/alerts', reportBody(overrides), org.admin.headers);
  if (created.status !== 201) throw new Error(`alert not created: ${created.status} ${JSON.stringify(created.body)}`);
  return created.body.id;
}

export const ALERT_ACTION_ROUTES = [
  { path: 'block-url', action: 'block_url', param: 'url', value: 'http://evil.example/pay' },
  { path: 'unblock-url', action: 'unblock_url', param: 'url', value: 'http://evil.example/pay' },
  { path: 'block-sender', action: 'block_sender', param: 'sender', value: 'spoof@evil.example' },
  { path: 'unblock-sender', action: 'unblock_sender', param: 'sender', value: 'spoof@evil.example' },
  { path: 'revoke-session', action: 'revoke_session', param: 'username', value: 'bob' },
  { path: 'isolate-device', action: 'isolate_device', param: 'hostname', value: 'desktop-3' },
] as const;
