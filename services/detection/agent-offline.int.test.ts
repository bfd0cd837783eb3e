import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deps } from '../../server/deps.ts';
import { createTestOrg, type TestOrg } from '../../tests/fixtures/identity.ts';
import { createTestDeps } from '../../tests/harness.ts';
import { raiseAgentOfflineAlerts } from './agent-offline.service.ts';

let deps: Deps;
beforeAll(async () => {
  deps = await createTestDeps();
});
afterAll(async () => {
  await deps.close();
});

async function agentSilentFor(org: TestOrg, name: string, seconds: number): Promise<string> {
  const row = await sql<{ id: string }>`
    insert into agents (org_id, name, os, key_prefix, key_hash, last_heartbeat, heartbeat_interval_seconds)
    values (${org.orgId}, ${name}, 'linux', ${randomBytes(6).toString('hex')}, ${Buffer.from('x')}, now() - make_interval(secs => ${seconds}), 60)
    returning id`.execute(deps.db);
  return row.rows[0]?.id ?? '';
}

const offlineAlerts = (org: TestOrg) =>
  deps.db.selectFrom('alerts').selectAll().where('org_id', '=', org.orgId).where('detector', '=', 'agent_offline').execute();

describe('agent offline detection', () => {
  it('raises one alert per outage, and a new one after the agent came back and fell silent again', async () => {
    const org = await createTestOrg(deps);
    const silent = await agentSilentFor(org, 'ws-silent', 600);
    await agentSilentFor(org, 'ws-healthy', 30);
    await raiseAgentOfflineAlerts(deps.db);
    await raiseAgentOfflineAlerts(deps.db);
    const first = await offlineAlerts(org);
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({ hostname: 'ws-silent', category: 'agent_health', occurrences: 1, incident_id: expect.any(Number) });

    await sql`update agents set last_heartbeat = now() + interval '1 second' where id = ${silent}`.execute(deps.db);
    await raiseAgentOfflineAlerts(deps.db, new Date(Date.now() + 10 * 60_000));
    const again = await offlineAlerts(org);
    // ws-healthy is silent by then too: it gets its own first alert.
    expect(again.map((alert) => [alert.hostname, alert.occurrences]).sort()).toEqual([
      ['ws-healthy', 1],
      ['ws-silent', 2],
    ]);
  });

  it('ignores revoked agents and keeps organisations apart', async () => {
    const [a, b] = [await createTestOrg(deps), await createTestOrg(deps)];
    const revoked = await agentSilentFor(a, 'ws-gone', 600);
    await sql`update agents set revoked_at = now() where id = ${revoked}`.execute(deps.db);
    await agentSilentFor(b, 'ws-b', 600);
    await raiseAgentOfflineAlerts(deps.db);
    expect(await offlineAlerts(a)).toHaveLength(0);
    expect((await offlineAlerts(b)).map((alert) => alert.hostname)).toEqual(['ws-b']);
  });
});
