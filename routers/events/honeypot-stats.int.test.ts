import { describe, expect, it } from 'vitest';
import { ingestRecords } from '../../services/ingest/index.ts';
import { COWRIE_SESSION } from '../../tests/fixtures/events.ts';
import { createTestOrg, orgServiceContext } from '../../tests/fixtures/identity.ts';
import { useTestServer } from '../../tests/harness.ts';

const t = useTestServer();

describe('GET /honeypot/attacker-stats', () => {
  it("aggregates the organisation's Cowrie events in the window", async () => {
    const org = await createTestOrg(t.deps);
    expect((await ingestRecords(orgServiceContext(t.deps, org), { channel: 'cowrie', source: 'cowrie', records: COWRIE_SESSION })).stored).toBe(10);
    const stats = await t.http.get('/honeypot/attacker-stats', org.admin.headers);
    expect(stats.status).toBe(200);
    expect(stats.body).toMatchObject({
      timeframe_hours: 24,
      total_attackers: 2,
      total_events: 9,
      attack_type_distribution: { brute_force: 4, command_execution: 2, file_operations: 1, web_attacks: 0 },
      top_attackers: [
        ['198.51.100.7', 8],
        ['192.0.2.200', 1],
      ],
      top_usernames: [
        { value: 'root', count: 3 },
        { value: 'admin', count: 1 },
      ],
      top_passwords: [
        { value: '123456', count: 2 },
        { value: 'root', count: 1 },
        { value: 'toor', count: 1 },
      ],
      top_commands: [{ value: 'uname -a', count: 2 }],
      top_downloads: [{ value: 'http://203.0.113.50/bot.sh', count: 1 }],
    });
    expect(stats.body.attacker_details['198.51.100.7']).toEqual({
      total_events: 8,
      first_seen: COWRIE_SESSION[0]?.timestamp,
      last_seen: COWRIE_SESSION[7]?.timestamp,
      event_types: ['cowrie.command.input', 'cowrie.login.failed', 'cowrie.login.success', 'cowrie.session.connect', 'cowrie.session.file_download'],
      attack_categories: ['brute_force', 'command_execution', 'file_operations'],
      duration_hours: 0.12,
    });
    const wider = await t.http.get('/honeypot/attacker-stats?hours=72', org.admin.headers);
    expect(wider.body).toMatchObject({ timeframe_hours: 72, total_attackers: 3, total_events: 10 });
    expect((await t.http.get('/honeypot/attacker-stats?hours=721', org.admin.headers)).status).toBe(400);
  });
});
