import { describe, expect, it } from 'vitest';
import { createTestOrg, type TestOrg } from '../fixtures/identity.ts';
import { useTestServer } from '../harness.ts';

const t = useTestServer({ CORS_ORIGINS: 'https://console.example.com' });

async function sessionCookie(org: TestOrg): Promise<string> {
  const response = await fetch(`${t.server.baseUrl}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: org.admin.email, password: org.admin.password }),
  });
  return (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

/** The attack: a cross-site form post with only the cookie, the input in the query string, no body. */
function createAdminByQuery(cookie: string, email: string, headers: Record<string, string>) {
  const query = new URLSearchParams({ email, role: 'admin', password: 'Cross-Site-Pass-1!', full_name: 'Test User' });
  return fetch(`${t.server.baseUrl}/users?${query}`, { method: 'POST', headers: { cookie, ...headers } });
}

async function userExists(org: TestOrg, email: string): Promise<boolean> {
  return (await t.deps.db.selectFrom('users').select('id').where('org_id', '=', org.orgId).where('email', '=', email).executeTakeFirst()) !== undefined;
}

describe('cookie sessions and cross-site requests', () => {
  it('refuses a state change from another origin, and nothing is created', async () => {
    const org = await createTestOrg(t.deps);
    const cookie = await sessionCookie(org);
    const response = await createAdminByQuery(cookie, 'evil-admin@example.com', { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' });
    expect(response.status).toBe(403);
    expect(((await response.json()) as { detail: string }).detail).toContain('Cross-site request refused');
    expect(await userExists(org, 'evil-admin@example.com')).toBe(false);
  });

  it('refuses a browser request that says it is cross-site even without Origin, and an opaque origin', async () => {
    const org = await createTestOrg(t.deps);
    const cookie = await sessionCookie(org);
    expect((await createAdminByQuery(cookie, 'e1@example.com', { 'sec-fetch-site': 'same-site' })).status).toBe(403);
    expect((await createAdminByQuery(cookie, 'e2@example.com', { origin: 'null' })).status).toBe(403);
  });

  it('accepts the same origin, an origin in CORS_ORIGINS, and clients that are not browsers', async () => {
    const org = await createTestOrg(t.deps);
    const cookie = await sessionCookie(org);
    const host = new URL(t.server.baseUrl).host;
    const body = (email: string) => JSON.stringify({ email, role: 'analyst', password: 'Same-Origin-Pass-1!', full_name: 'Test User' });
    const post = (email: string, headers: Record<string, string>) =>
      fetch(`${t.server.baseUrl}/users`, { method: 'POST', headers: { cookie, 'content-type': 'application/json', ...headers }, body: body(email) });
    expect((await post('same@example.com', { origin: `http://${host}`, 'sec-fetch-site': 'same-origin' })).status).toBeLessThan(300);
    expect((await post('console@example.com', { origin: 'https://console.example.com' })).status).toBeLessThan(300);
    expect((await post('script@example.com', {})).status).toBeLessThan(300);
  });

  it('leaves reads and bearer-token calls alone', async () => {
    const org = await createTestOrg(t.deps);
    const cookie = await sessionCookie(org);
    const read = await fetch(`${t.server.baseUrl}/users`, { headers: { cookie, origin: 'https://evil.example' } });
    expect(read.status).toBe(200);
    const bearer = await fetch(`${t.server.baseUrl}/users`, {
      method: 'POST',
      headers: { ...org.admin.headers, 'content-type': 'application/json', origin: 'https://elsewhere.example' },
      body: JSON.stringify({ email: 'bearer@example.com', role: 'analyst', password: 'Bearer-Call-Pass-1!', full_name: 'Test User' }),
    });
    expect(bearer.status).toBeLessThan(300);
  });

  it('takes no input from the query string where the documented contract does not', async () => {
    const org = await createTestOrg(t.deps);
    const response = await createAdminByQuery('', 'query-admin@example.com', org.admin.headers);
    expect(response.status).toBe(400);
    expect(await userExists(org, 'query-admin@example.com')).toBe(false);
  });
});
