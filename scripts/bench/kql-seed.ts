import { sql } from 'kysely';
import type { OrgId } from '../../core/database.ts';
import type { Deps } from '../../server/deps.ts';
import { eventTimePolicy, partitionWindow, writeIntoPartitions } from '../../services/events/index.ts';

const HOUR = 3_600_000;

/**
 * `count` events spread over the last 24 hours, written set-based (generate_series) so seeding a million rows takes
 * seconds. The mix is shaped for hunting: 5% failed SSH logins from 200 scanners, one of them (203.0.113.7) loud, a
 * port scanner (192.0.2.66) touching 2,000 ports, the rest web and process noise from 50,000 addresses.
 */
export async function seedHuntingEvents(deps: Deps, orgId: OrgId, count: number, now: Date): Promise<void> {
  const times = Array.from({ length: 26 }, (_, hour) => new Date(now.getTime() - hour * HOUR));
  const window = partitionWindow(eventTimePolicy(deps.config), now);
  await writeIntoPartitions(deps.db, times, window, async () => {
    await sql`
      insert into events (org_id, occurred_at, channel, source_kind, kind, category, action, outcome, severity,
                          src_ip, dst_ip, dst_port, host_name, user_name, process_name, message, dedup_key)
      select ${orgId}::uuid,
             ${now}::timestamptz - (n % 86400) * interval '1 second',
             'events',
             case when n % 20 = 0 then 'cowrie' when n % 20 < 4 then 'suricata' else 'agent' end,
             'event',
             case when n % 20 = 0 then 'authentication' when n % 20 < 4 then 'network' else 'process' end,
             case when n % 20 = 0 then 'ssh.login_failed' when n % 20 < 4 then 'suricata.flow' else 'process.start' end,
             case when n % 20 = 0 then 'failure' else 'success' end,
             (n % 5)::smallint,
             case when n % 20 = 0 and n % 7 = 0 then '203.0.113.7'::inet
                  when n % 20 = 0 then ('198.51.100.' || (n % 200))::inet
                  when n % 20 = 1 and n % 3 = 0 then '192.0.2.66'::inet
                  else ('10.' || (n % 50000 / 256) || '.' || (n % 256) || '.9')::inet end,
             ('192.0.2.' || (n % 254 + 1))::inet,
             case when n % 20 = 1 then (n % 2000) + 1 when n % 20 = 0 then 22 else 443 end,
             'host-' || (n % 300),
             case when n % 20 = 0 then (array['root','admin','oracle','ubuntu'])[n % 4 + 1] else 'user' || (n % 900) end,
             case when n % 20 >= 4 then (array['powershell.exe','cmd.exe','svchost.exe','chrome.exe'])[n % 4 + 1] end,
             'bench event ' || n,
             'bench-' || n
      from generate_series(1, ${count}::int) as n`.execute(deps.db);
  });
  await sql`analyze events`.execute(deps.db);
}

/** A few high-severity alerts on the loud scanner and some others, for the join hunt. */
export async function seedHuntingAlerts(deps: Deps, orgId: OrgId, now: Date): Promise<void> {
  await sql`
    insert into alerts (org_id, title, severity, category, source, src_ip, fingerprint, first_seen_at, last_seen_at, created_at)
    select ${orgId}::uuid, 'SSH brute force', case when n % 3 = 0 then 'high' else 'medium' end, 'brute_force', 'detector',
           case when n = 1 then '203.0.113.7'::inet else ('198.51.100.' || n)::inet end,
           'bench-alert-' || n, ${now}::timestamptz - interval '1 hour', ${now}::timestamptz, ${now}::timestamptz - (n || ' minutes')::interval
    from generate_series(1, 150) as n`.execute(deps.db);
}
