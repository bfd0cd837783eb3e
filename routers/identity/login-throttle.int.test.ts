import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { ACCOUNT_FAILURE_CEILING, FAILURES_PER_SOURCE, pruneExpiredSessionsAndWindows, THROTTLE_MINUTES } from '../../services/identity/index.ts';
import { createTestOrg, type TestOrg, type TestUser } from '../../tests/fixtures/identity.ts';
import { useTestServer } from '../../tests/harness.ts';

// The per-minute request limit per (email, address) is raised so that only the failure throttle answers here.
const t = useTestServer({ TRUST_PROXY: 'true', AUTH_LOGIN_LIMIT_PER_EMAIL: '50' });

const from = (ip: string) => ({ 'x-forwarded-for': ip });
const WRONG = 'Wrong-Password-1!';

async function attackerFails(victim: TestUser, ip: string, times: number): Promise<number[]> {
  const statuses: number[] = [];
  for (let attempt = 0; attempt < times; attempt++)
    statuses.push((await t.http.post('/api/auth/login', { email: victim.email, password: WRONG }, from(ip))).status);
  return statuses;
}

async function throttledAudit(org: TestOrg): Promise<{ target_id: string; details: Record<string, unknown> }[]> {
  const { body } = await t.http.get('/api/audit?action=auth.throttled', org.admin.headers);
  return body.items;
}

describe('login throttling per account and source address', () => {
  it('throttles the attacking address with 429 and Retry-After, while the owner logs in from elsewhere during and after the attack', async () => {
    const org = await createTestOrg(t.deps);
    const owner = await org.addUser('analyst');
    const attacker = '203.0.113.10';

    expect(await attackerFails(owner, attacker, FAILURES_PER_SOURCE)).toEqual(Array(FAILURES_PER_SOURCE).fill(401));
    const throttled = await t.http.post('/api/auth/login', { email: owner.email, password: WRONG }, from(attacker));
    expect(throttled.status).toBe(429);
    expect(throttled.body.code).toBe('RATE_LIMITED');
    const retryAfter = Number(throttled.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(THROTTLE_MINUTES * 60);
    // Both login styles share the check, and the right password does not get through a throttled address.
    expect((await t.http.post('/auth/login', { email: owner.email, password: owner.password }, from(attacker))).status).toBe(429);

    // During the attack: the owner, from another address, with either login style.
    expect((await t.http.post('/api/auth/login', { email: owner.email, password: owner.password }, from('198.51.100.20'))).status).toBe(200);
    expect(await attackerFails(owner, attacker, 3)).toEqual([429, 429, 429]);
    expect((await t.http.post('/auth/login', { email: owner.email, password: owner.password }, from('198.51.100.21'))).status).toBe(200);
    // Right after it, from the owner's first address again.
    expect((await t.http.post('/api/auth/login', { email: owner.email, password: owner.password }, from('198.51.100.20'))).status).toBe(200);

    const audit = await throttledAudit(org);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ target_id: owner.id, details: { scope: 'source', failures: FAILURES_PER_SOURCE, minutes: THROTTLE_MINUTES } });
  });

  it('answers an unknown email exactly like a known one, throttle included', async () => {
    const org = await createTestOrg(t.deps);
    const owner = await org.addUser('viewer');
    const ghost = { ...owner, email: 'nobody-here@vigil.test' };
    const known = await attackerFails(owner, '203.0.113.11', FAILURES_PER_SOURCE + 1);
    const unknown = await attackerFails(ghost, '203.0.113.11', FAILURES_PER_SOURCE + 1);
    expect(unknown).toEqual(known);
    expect(known.at(-1)).toBe(429);
  });

  it('a success clears that address; the throttle lasts one window', async () => {
    const org = await createTestOrg(t.deps);
    const owner = await org.addUser('analyst');
    const ip = '203.0.113.12';
    await attackerFails(owner, ip, FAILURES_PER_SOURCE - 1);
    expect((await t.http.post('/api/auth/login', { email: owner.email, password: owner.password }, from(ip))).status).toBe(200);
    expect(await attackerFails(owner, ip, FAILURES_PER_SOURCE)).toEqual(Array(FAILURES_PER_SOURCE).fill(401));
    expect(await attackerFails(owner, ip, 1)).toEqual([429]);

    // As if the window had passed: the address may try again.
    await t.deps.db
      .updateTable('login_failures')
      .set({ window_started_at: sql`now() - make_interval(mins => ${THROTTLE_MINUTES + 1})` })
      .where('email', '=', owner.email)
      .execute();
    expect((await t.http.post('/api/auth/login', { email: owner.email, password: owner.password }, from(ip))).status).toBe(200);
  });

  it('past the account ceiling each address gets one failure, and the owner still logs in', async () => {
    const org = await createTestOrg(t.deps);
    const owner = await org.addUser('soc_lead');
    // A distributed attack so far: addresses that each used their failures, one short of the ceiling.
    const seeded = Array.from({ length: Math.ceil((ACCOUNT_FAILURE_CEILING - 1) / FAILURES_PER_SOURCE) }, (_, index) => ({
      email: owner.email,
      source_ip: `192.0.2.${index + 1}`,
      failures: Math.min(FAILURES_PER_SOURCE, ACCOUNT_FAILURE_CEILING - 1 - index * FAILURES_PER_SOURCE),
    }));
    await t.deps.db.insertInto('login_failures').values(seeded).execute();

    // This failure reaches the ceiling: from now on every address, this one included, gets one.
    expect(await attackerFails(owner, '203.0.113.13', 2)).toEqual([401, 429]);
    expect(await attackerFails(owner, '203.0.113.14', 2)).toEqual([401, 429]);
    expect((await t.http.post('/api/auth/login', { email: owner.email, password: owner.password }, from('198.51.100.30'))).status).toBe(200);

    const audit = await throttledAudit(org);
    expect(audit.map((entry) => entry.details.scope).sort()).toEqual(['account', 'source']);
    expect(audit.find((entry) => entry.details.scope === 'account')?.details).toMatchObject({ failures: ACCOUNT_FAILURE_CEILING, failures_per_source: 1 });
  });

  it('retention forgets failures whose window has passed and keeps live ones', async () => {
    const stale = sql<Date>`now() - make_interval(mins => ${THROTTLE_MINUTES + 1})`;
    await t.deps.db
      .insertInto('login_failures')
      .values([
        { email: 'stale@vigil.test', source_ip: '192.0.2.200', failures: 5, window_started_at: stale },
        { email: 'live@vigil.test', source_ip: '192.0.2.201', failures: 2 },
      ])
      .execute();
    expect((await pruneExpiredSessionsAndWindows(t.deps.db)).loginFailures).toBeGreaterThanOrEqual(1);
    const left = await t.deps.db.selectFrom('login_failures').select('email').where('email', 'in', ['stale@vigil.test', 'live@vigil.test']).execute();
    expect(left).toEqual([{ email: 'live@vigil.test' }]);
  });
});
