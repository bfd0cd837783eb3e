import { describe, expect, it } from 'vitest';
import { REGISTRATIONS_PER_IP_PER_HOUR, USER_CREATIONS_PER_CALLER_PER_HOUR } from '../../services/identity/index.ts';
import { createTestOrg, TEST_PASSWORD } from '../../tests/fixtures/identity.ts';
import { useTestServer } from '../../tests/harness.ts';
import type { HttpResult } from '../../tests/http-client.ts';

const t = useTestServer({ TRUST_PROXY: 'true', AUTH_OPEN_REGISTRATION: 'true' });

const HOUR_MS = 3600_000;

/** The limits count in clock-hour windows: a run that straddles the hour is repeated, so counts never reset mid-test. */
async function inOneHourWindow<T>(run: () => Promise<T>): Promise<T> {
  for (;;) {
    const hour = Math.floor(Date.now() / HOUR_MS);
    const result = await run();
    if (Math.floor(Date.now() / HOUR_MS) === hour) return result;
  }
}

function expectRateLimited(response: HttpResult): void {
  expect(response.status).toBe(429);
  expect(response.body.code).toBe('RATE_LIMITED');
  expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
}

describe('creating users reveals whether an email exists anywhere, so it is rate-limited', () => {
  it('POST /users and POST /api/auth/invite share a per-caller limit: 429 with Retry-After beyond it, other callers unaffected', async () => {
    const org = await createTestOrg(t.deps);
    const other = await createTestOrg(t.deps);
    const probe = { full_name: 'Probe User', role: 'analyst', email: other.admin.email, password: TEST_PASSWORD };
    await inOneHourWindow(async () => {
      const caller = await org.addUser('admin');
      const from = caller.headers;
      for (let attempt = 0; attempt < USER_CREATIONS_PER_CALLER_PER_HOUR; attempt++) expect((await t.http.post('/users', probe, from)).status).toBe(409);
      expectRateLimited(await t.http.post('/users', probe, from));
      expectRateLimited(await t.http.post('/api/auth/invite', { email: 'fresh@vigil.test', full_name: 'Fresh User' }, from));
    });
    expect((await t.http.post('/users', probe, org.admin.headers)).status).toBe(409);
  });

  it('POST /api/auth/register is limited per address per hour', async () => {
    const taken = await createTestOrg(t.deps);
    const register = (index: number, ip: string) =>
      t.http.post(
        '/api/auth/register',
        { organization_name: `Probe Org ${index}`, admin_email: taken.admin.email, admin_password: TEST_PASSWORD, admin_name: 'Probe Admin' },
        { 'x-forwarded-for': ip },
      );
    let round = 0;
    await inOneHourWindow(async () => {
      const ip = `203.0.113.${++round}`;
      for (let attempt = 0; attempt < REGISTRATIONS_PER_IP_PER_HOUR; attempt++) expect((await register(attempt, ip)).status).toBe(409);
      expectRateLimited(await register(REGISTRATIONS_PER_IP_PER_HOUR, ip));
    });
    expect((await register(0, '192.0.2.250')).status).toBe(409);
  });
});
