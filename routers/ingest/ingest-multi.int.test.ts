import { describe, expect, it } from 'vitest';
import { signEvent } from '../../services/ingest/index.ts';
import { orgWithAgent } from '../../tests/fixtures/agents.ts';
import { createTestOrg } from '../../tests/fixtures/identity.ts';
import { cowrieLogin, postSigned, registerDevice } from '../../tests/fixtures/ingest.ts';
import { useTestServer } from '../../tests/harness.ts';

const t = useTestServer();

const suricataAlert = (flow: number) => ({
  timestamp: '2026-11-24T09:00:00.000000+0000',
  flow_id: flow,
  event_type: 'alert',
  src_ip: '198.51.100.20',
  src_port: 44321,
  dest_ip: '10.0.0.5',
  dest_port: 80,
  proto: 'TCP',
  alert: { signature_id: 2010935, signature: 'ET SCAN Suspicious inbound to MSSQL port 1433', category: 'Attempted Information Leak', severity: 2 },
});

describe('POST /ingest/multi', () => {
  it('with an API key: stores good and unsigned events, rejects a badly signed one alone', async () => {
    const org = await createTestOrg(t.deps);
    const key = (await t.http.post('/api/keys', { name: 'fluent-bit', role: 'analyst' }, org.admin.headers)).body.key as string;
    const events = [signEvent(key, suricataAlert(1)), signEvent('wrong-key', suricataAlert(2)), suricataAlert(3), { ...suricataAlert(4), signature: 'zz' }];
    const response = await t.http.post('/ingest/multi', { source_type: 'suricata', hostname: 'ids-1', events }, { 'x-api-key': key });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      source_type: 'suricata',
      received: 4,
      processed: 2,
      stored: 2,
      deduplicated: 0,
      rejected: [
        { index: 1, reason: 'bad_signature', field: 'signature' },
        { index: 3, reason: 'bad_signature', field: 'signature' },
      ],
    });
    const rows = await t.deps.db.selectFrom('events').selectAll().where('org_id', '=', org.orgId).orderBy('id').execute();
    expect(rows.map((row) => [row.channel, row.action, row.sensor_id])).toEqual([
      ['multi', 'suricata.alert', 'ids-1'],
      ['multi', 'suricata.alert', 'ids-1'],
    ]);
    expect(rows[0]?.raw).not.toHaveProperty('signature');
  });

  it('with device HMAC: per-event signatures are keyed with the device secret', async () => {
    const org = await createTestOrg(t.deps);
    const device = await registerDevice(t, org, { name: 'tpot' });
    const events = [signEvent(device.secret, cowrieLogin({ session: 'multi-1' })), signEvent('other', cowrieLogin({ session: 'multi-2' }))];
    const response = await postSigned(t, device, '/ingest/multi', JSON.stringify({ source_type: 'cowrie', events }));
    expect(response.body).toMatchObject({ source_type: 'cowrie', received: 2, stored: 1, rejected: [{ index: 1, reason: 'bad_signature' }] });
    const row = await t.deps.db.selectFrom('events').selectAll().where('org_id', '=', org.orgId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ device_id: device.id, sensor_id: 'tpot', channel: 'multi' });
    const forged = await postSigned(t, device, '/ingest/multi', JSON.stringify({ source_type: 'cowrie', events }), { secret: 'vgd_wrong' });
    expect(forged.status).toBe(401);
  });

  it('answers 400 on empty events, 401 without credentials, 403 for a viewer', async () => {
    const org = await createTestOrg(t.deps);
    const empty = await t.http.post('/ingest/multi', { source_type: 'zeek', hostname: 'h', events: [] }, org.admin.headers);
    expect(empty.status).toBe(400);
    expect(empty.body.issues).toEqual([{ path: 'events', message: 'at least one event is required' }]);
    for (const badType of ['web honeypot', '-dash', 'x'.repeat(65)]) {
      const refused = await t.http.post('/ingest/multi', { source_type: badType, events: [{}] }, org.admin.headers);
      expect(refused.status, badType).toBe(400);
      expect(refused.body.issues[0].path).toBe('source_type');
    }
    const anonymous = await t.http.post('/ingest/multi', { source_type: 'zeek', events: [{}] });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.detail).toMatch(/^Missing authentication headers: sign the request/);
    const viewer = await org.addUser('viewer');
    expect((await t.http.post('/ingest/multi', { source_type: 'zeek', events: [{}] }, viewer.headers)).status).toBe(403);
  });

  it('stores a source type without a parser of its own as custom events keeping the declared name, instead of refusing the batch', async () => {
    const org = await createTestOrg(t.deps);
    const webhoneypot = { timestamp: '2026-11-24T09:00:00Z', src_ip: '198.51.100.7', method: 'GET', path: '/wp-login.php', event_type: 'webhoneypot.request' };
    const dionaea = { timestamp: '2026-11-24T09:00:01Z', src_ip: '198.51.100.8', dst_port: 445, connection: { protocol: 'smbd' } };
    // Before resolveSourceType, 'windows' (like these) was refused with a 400 for the whole batch
    const batches = [
      ['webhoneypot', webhoneypot],
      ['dionaea', dionaea],
      ['windows', { timestamp: '2026-11-24T09:00:02Z', event_id: 4625, ip: '198.51.100.9' }],
    ] as const;
    for (const [sourceType, record] of batches) {
      const response = await t.http.post('/ingest/multi', { source_type: sourceType, hostname: 'tpot', events: [record] }, org.admin.headers);
      expect(response.status, sourceType).toBe(200);
      expect(response.body).toMatchObject({ source_type: sourceType, received: 1, processed: 1, stored: 1, rejected: [] });
    }
    const rows = await t.deps.db.selectFrom('events').select(['source_kind', 'attributes', 'src_ip']).where('org_id', '=', org.orgId).orderBy('id').execute();
    expect(rows.map((row) => [row.source_kind, (row.attributes as { sourceType?: string }).sourceType, row.src_ip])).toEqual([
      ['custom', 'webhoneypot', '198.51.100.7'],
      ['custom', 'dionaea', '198.51.100.8'],
      ['custom', 'windows', '198.51.100.9'],
    ]);
  });

  it('takes syslog lines and custom objects', async () => {
    const org = await createTestOrg(t.deps);
    const syslog = await t.http.post(
      '/ingest/multi',
      {
        source_type: 'syslog',
        hostname: 'bastion',
        events: ['<38>Nov 24 09:00:00 bastion sshd[1]: Failed password for root from 198.51.100.3 port 2222 ssh2'],
      },
      org.admin.headers,
    );
    expect(syslog.body).toMatchObject({ stored: 1, rejected: [] });
    const custom = await t.http.post(
      '/ingest/multi',
      { source_type: 'custom', events: [{ event_type: 'login', src_ip: '198.51.100.4', id: 'c-1' }] },
      org.admin.headers,
    );
    expect(custom.body).toMatchObject({ stored: 1 });
  });
});

describe('POST /ingest/synthetic', () => {
  it.each(['brute_force', 'credential_stuffing', 'port_scan', 'web_attack', 'benign'])('%s stores its events; the replay deduplicates', async (scenario) => {
    const org = await createTestOrg(t.deps);
    const input = { scenario, seed: 42, start_time: '2026-11-24T07:00:00Z', count: 10 };
    const first = await t.http.post('/ingest/synthetic', input, org.admin.headers);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ scenario, seed: 42, rejected: [], deduplicated: 0, start_time: '2026-11-24T07:00:00.000Z' });
    expect(first.body.stored).toBe(first.body.generated);
    const replay = await t.http.post('/ingest/synthetic', input, org.admin.headers);
    expect(replay.body).toMatchObject({ stored: 0, deduplicated: first.body.generated, src_ip: first.body.src_ip });
    const count = await t.deps.db
      .selectFrom('events')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('org_id', '=', org.orgId)
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(first.body.generated);
  });

  it('brute_force: six failed logins within a minute from the chosen address', async () => {
    const org = await createTestOrg(t.deps);
    const response = await t.http.post('/ingest/synthetic', { scenario: 'brute_force', src_ip: '198.51.100.66', count: 6 }, org.admin.headers);
    expect(response.body.src_ip).toBe('198.51.100.66');
    expect(typeof response.body.seed).toBe('number');
    const failures = await t.deps.db
      .selectFrom('events')
      .select(['occurred_at', 'src_ip', 'channel', 'source_kind'])
      .where('org_id', '=', org.orgId)
      .where('action', '=', 'cowrie.login.failed')
      .execute();
    expect(failures).toHaveLength(6);
    expect(new Set(failures.map((row) => `${row.src_ip}|${row.channel}|${row.source_kind}`))).toEqual(new Set(['198.51.100.66|synthetic|cowrie']));
    const times = failures.map((row) => row.occurred_at.getTime());
    expect(Math.max(...times) - Math.min(...times)).toBeLessThan(60_000);
  });

  it('validates its input and needs events:generate, which agent keys lack', async () => {
    const org = await createTestOrg(t.deps);
    const bad = await t.http.post('/ingest/synthetic', { scenario: 'ddos', src_ip: 'nope' }, org.admin.headers);
    expect(bad.status).toBe(400);
    expect(bad.body.issues.map((issue: { path: string }) => issue.path).sort()).toEqual(['scenario', 'src_ip']);
    const viewer = await org.addUser('viewer');
    expect((await t.http.post('/ingest/synthetic', { scenario: 'benign' }, viewer.headers)).status).toBe(403);
    const agent = await orgWithAgent(t.http, org, 'synthetic-agent');
    const byAgent = await t.http.post('/ingest/synthetic', { scenario: 'benign' }, agent.headers);
    expect(byAgent.status).toBe(403);
    expect(byAgent.body.detail).toContain('events:generate');
    const analyst = await org.addUser('analyst');
    expect((await t.http.post('/ingest/synthetic', { scenario: 'benign', count: 1 }, analyst.headers)).status).toBe(200);
  });
});
