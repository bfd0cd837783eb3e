import { describe, expect, it } from 'vitest';
import { createTestOrg, TEST_PASSWORD } from '../../tests/fixtures/identity.ts';
import { createTestDeps, startTestServer, useTestServer } from '../../tests/harness.ts';
import { httpClient } from '../../tests/http-client.ts';

const t = useTestServer({ AUTH_OPEN_REGISTRATION: 'true', AUTH_LOGIN_LIMIT_PER_EMAIL: '50' });

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const auditActions = async (headers: Record<string, string>) => {
  const { body } = await t.http.get<{ items: { action: string; outcome: string }[] }>('/api/audit?limit=500', headers);
  return body.items.map((item) => `${item.action}:${item.outcome}`);
};

describe('the whole identity journey over HTTP', () => {
  it('register → login (both styles) → me → invite → forced change → refresh rotation → reuse revokes → logout', async () => {
    const registered = await t.http.post('/api/auth/register', {
      organization_name: '  Blue Team, Inc.  ',
      admin_email: ' Lead@Blue.TEST ',
      admin_password: 'Sup3r-Secret-Pass!',
      admin_name: 'Lea Lead',
    });
    expect(registered.status).toBe(201);
    expect(registered.body.organization).toMatchObject({ name: 'Blue Team, Inc.', slug: 'blue-team-inc', status: 'active' });
    expect(registered.body.user).toMatchObject({ email: 'lead@blue.test', role: 'admin', must_change_password: false });

    const jwtLogin = await t.http.post('/api/auth/login', { email: 'LEAD@blue.test', password: 'Sup3r-Secret-Pass!' });
    expect(jwtLogin.status).toBe(200);
    expect(jwtLogin.body).toMatchObject({ token_type: 'bearer', expires_in: 8 * 3600, must_change_password: false });
    const admin = bearer(jwtLogin.body.access_token);

    const me = await t.http.get('/api/auth/me', admin);
    expect(me.body.user.email).toBe('lead@blue.test');
    expect(me.body.organization.slug).toBe('blue-team-inc');

    const sessionLogin = await fetch(`${t.server.baseUrl}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'lead@blue.test', password: 'Sup3r-Secret-Pass!' }),
    });
    const cookie = sessionLogin.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^access_token=[a-z0-9]+\.[a-z0-9]+; Max-Age=28800; Path=\/; HttpOnly; SameSite=Lax$/);
    const cookieHeader = { cookie: cookie.split(';')[0] ?? '' };
    const profile = await t.http.get('/me', cookieHeader);
    expect(profile.body).toMatchObject({ email: 'lead@blue.test', tenant_id: 'blue-team-inc', role: 'admin' });

    // Invite: a one-time password that allows nothing but choosing a new one.
    const invite = await t.http.post('/api/auth/invite', { email: 'Ana@Blue.test', full_name: 'Ana Analyst', role: 'analyst' }, admin);
    expect(invite.status).toBe(201);
    expect(invite.body.user).toMatchObject({ email: 'ana@blue.test', role: 'analyst', must_change_password: true });
    const temporary = invite.body.temporary_password as string;
    const anaLogin = await t.http.post('/api/auth/login', { email: 'ana@blue.test', password: temporary });
    expect(anaLogin.body.must_change_password).toBe(true);
    const ana = bearer(anaLogin.body.access_token);
    expect((await t.http.get('/users', ana)).status).toBe(403);
    expect((await t.http.get('/api/auth/me', ana)).status).toBe(200);
    const weak = await t.http.post('/api/auth/change-password', { current_password: temporary, new_password: 'short' }, ana);
    expect(weak.status).toBe(400);
    expect(weak.body.issues.map((issue: { path: string }) => issue.path)).toContain('new_password');
    expect((await t.http.post('/api/auth/change-password', { current_password: temporary, new_password: 'Analyst-Chosen-42!' }, ana)).status).toBe(200);
    expect((await t.http.get('/api/auth/me', ana)).status).toBe(401);
    expect((await t.http.post('/api/auth/login', { email: 'ana@blue.test', password: temporary })).status).toBe(401);
    const anaAgain = await t.http.post('/api/auth/login', { email: 'ana@blue.test', password: 'Analyst-Chosen-42!' });
    expect(anaAgain.body.must_change_password).toBe(false);
    expect((await t.http.get('/users', bearer(anaAgain.body.access_token))).status).toBe(200);

    // Refresh rotation, then reuse of the spent token revokes the family.
    const firstRefresh = jwtLogin.body.refresh_token as string;
    const rotated = await t.http.post('/api/auth/refresh', { refresh_token: firstRefresh });
    expect(rotated.status).toBe(200);
    expect(rotated.body.refresh_token).not.toBe(firstRefresh);
    expect((await t.http.get('/api/auth/me', bearer(rotated.body.access_token))).status).toBe(200);
    const reuse = await t.http.post('/api/auth/refresh', { refresh_token: firstRefresh });
    expect(reuse.status).toBe(401);
    expect(reuse.body.detail).toContain('already used');
    expect((await t.http.post('/api/auth/refresh', { refresh_token: rotated.body.refresh_token })).status).toBe(401);
    expect((await t.http.get('/api/auth/me', bearer(rotated.body.access_token))).status).toBe(401);
    expect((await t.http.get('/api/auth/me', admin)).status).toBe(401);

    // A refresh token never serves as an access token.
    const fresh = await t.http.post('/api/auth/login', { email: 'lead@blue.test', password: 'Sup3r-Secret-Pass!' });
    expect((await t.http.get('/api/auth/me', bearer(fresh.body.refresh_token))).status).toBe(401);

    // Logout revokes the family: access and refresh tokens both stop working.
    const freshAdmin = bearer(fresh.body.access_token);
    const actions = await auditActions(freshAdmin);
    expect((await t.http.post('/api/auth/logout', {}, freshAdmin)).status).toBe(200);
    expect((await t.http.get('/api/auth/me', freshAdmin)).status).toBe(401);
    expect((await t.http.post('/api/auth/refresh', { refresh_token: fresh.body.refresh_token })).status).toBe(401);

    // EventSec logout revokes the session and clears the cookie.
    const loggedOut = await fetch(`${t.server.baseUrl}/auth/logout`, { method: 'POST', headers: cookieHeader });
    expect(await loggedOut.json()).toEqual({ detail: 'Logged out' });
    expect(loggedOut.headers.get('set-cookie')).toMatch(/^access_token=; Max-Age=0/);
    expect((await t.http.get('/me', cookieHeader)).status).toBe(401);

    expect(actions).toEqual(
      expect.arrayContaining([
        'org.registered:success',
        'user.created:success',
        'auth.login:success',
        'user.invited:success',
        'user.password_changed:success',
        'auth.refresh:success',
        'auth.refresh_reuse_detected:failure',
      ]),
    );
  });

  it('closes registration once an organisation exists, unless AUTH_OPEN_REGISTRATION is set', async () => {
    const closed = await createTestDeps({ AUTH_OPEN_REGISTRATION: 'false' });
    const closedServer = await startTestServer(closed);
    try {
      await createTestOrg(closed);
      const response = await httpClient(closedServer.baseUrl).post('/api/auth/register', {
        organization_name: 'Late Comer',
        admin_email: 'late@comer.test',
        admin_password: 'Sup3r-Secret-Pass!',
        admin_name: 'Late Comer',
      });
      expect(response.status).toBe(403);
      expect(response.body.detail).toContain('Registration is closed');
    } finally {
      await closedServer.close();
      await closed.close();
    }
  });

  it('rejects a weak admin password and a duplicate organisation with clear 4xx answers', async () => {
    const weak = await t.http.post('/api/auth/register', {
      organization_name: 'Weak Org',
      admin_email: 'w@weak.test',
      admin_password: 'password1234',
      admin_name: 'Weak',
    });
    expect(weak.status).toBe(400);
    expect(weak.body.issues).toEqual(
      expect.arrayContaining([
        { path: 'admin_password', message: 'must contain an uppercase letter' },
        { path: 'admin_password', message: 'must contain a special character' },
      ]),
    );
    const body = { organization_name: 'Twin Org', admin_email: 'one@twin.test', admin_password: 'Sup3r-Secret-Pass!', admin_name: 'One' };
    expect((await t.http.post('/api/auth/register', body)).status).toBe(201);
    expect((await t.http.post('/api/auth/register', { ...body, admin_email: 'two@twin.test' })).status).toBe(409);
    expect((await t.http.post('/api/auth/register', { ...body, organization_name: 'Other Org' })).status).toBe(409);
  });
});

describe('authorisation', () => {
  it('answers 401 without credentials and with a bad one, never 500', async () => {
    for (const path of ['/api/auth/me', '/me', '/users', '/api/keys', '/api/audit']) {
      expect((await t.http.get(path)).status).toBe(401);
      expect((await t.http.get(path, bearer('not-a-token'))).status).toBe(401);
      expect((await t.http.get(path, { 'x-api-key': 'vgl_nope' })).status).toBe(401);
    }
  });

  it('gives a viewer 403 on admin routes', async () => {
    const org = await createTestOrg(t.deps);
    const viewer = await org.addUser('viewer');
    expect((await t.http.get('/users', viewer.headers)).status).toBe(200);
    expect((await t.http.post('/users', { full_name: 'X Y', role: 'analyst', email: 'x@y.test', password: TEST_PASSWORD }, viewer.headers)).status).toBe(403);
    expect((await t.http.post('/api/auth/invite', { email: 'x@y.test', full_name: 'X Y' }, viewer.headers)).status).toBe(403);
    expect((await t.http.get('/api/keys', viewer.headers)).status).toBe(403);
    expect((await t.http.get('/api/audit', viewer.headers)).status).toBe(403);
    expect((await t.http.patch(`/users/${viewer.id}`, { role: 'admin' }, viewer.headers)).status).toBe(403);
  });

  it('applies a role change at once, and refuses to demote the last admin', async () => {
    const org = await createTestOrg(t.deps);
    const analyst = await org.addUser('analyst');
    expect((await t.http.get('/api/keys', analyst.headers)).status).toBe(403);
    const promoted = await t.http.patch(`/users/${analyst.id}`, { role: 'team_lead' }, org.admin.headers);
    expect(promoted.body.role).toBe('soc_lead');
    expect((await t.http.patch(`/users/${analyst.id}`, { role: 'admin' }, org.admin.headers)).status).toBe(200);
    expect((await t.http.get('/api/keys', analyst.headers)).status).toBe(200);
    const lonely = await createTestOrg(t.deps);
    const demote = await t.http.patch(`/users/${lonely.admin.id}`, { role: 'viewer' }, lonely.admin.headers);
    expect(demote.status).toBe(412);
    expect(await auditActions(org.admin.headers)).toContain('user.role_changed:success');
  });

  it('signs a deactivated user out at once', async () => {
    const org = await createTestOrg(t.deps);
    const analyst = await org.addUser('analyst');
    expect((await t.http.patch(`/users/${analyst.id}`, { is_active: false }, org.admin.headers)).status).toBe(200);
    expect((await t.http.get('/me', analyst.headers)).status).toBe(401);
    expect((await t.http.post('/api/auth/login', { email: analyst.email, password: analyst.password })).status).toBe(401);
  });

  it('validates EventSec user creation: policy, roles, email', async () => {
    const org = await createTestOrg(t.deps);
    const bad = await t.http.post('/users', { full_name: 'Bad Input', role: 'superduper', email: 'not-an-email', password: 'weak' }, org.admin.headers);
    expect(bad.status).toBe(400);
    expect(bad.body.issues.map((issue: { path: string }) => issue.path).sort()).toEqual(['email', 'role']);
    const weak = await t.http.post('/users', { full_name: 'Weak Pass', role: 'analyst', email: 'weak@pass.test', password: 'weakpassword' }, org.admin.headers);
    expect(weak.status).toBe(400);
    const created = await t.http.post(
      '/users',
      { full_name: 'Sam Senior', role: 'senior_analyst', email: 'Sam@Senior.test', password: TEST_PASSWORD, team: 'L2' },
      org.admin.headers,
    );
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ email: 'sam@senior.test', role: 'analyst', team: 'L2', tenant_id: org.slug });
    expect((await t.http.post('/auth/login', { email: 'SAM@senior.test', password: TEST_PASSWORD })).status).toBe(200);
  });
});

describe('abuse resistance', () => {
  it('throttles the failing address after five failures (not the account), with the same answer as an unknown email', async () => {
    const org = await createTestOrg(t.deps);
    const victim = await org.addUser('analyst');
    const unknown = await t.http.post('/api/auth/login', { email: 'nobody@nowhere.test', password: 'whatever' });
    for (let attempt = 0; attempt < 5; attempt++) {
      const wrong = await t.http.post('/api/auth/login', { email: victim.email, password: 'Wrong-Password-1!' });
      expect(wrong.status).toBe(401);
      expect(wrong.body.detail).toBe(unknown.body.detail);
    }
    const throttled = await t.http.post('/api/auth/login', { email: victim.email, password: victim.password });
    expect(throttled.status).toBe(429);
    expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(throttled.headers.get('retry-after'))).toBeLessThanOrEqual(15 * 60);
    const actions = await auditActions(org.admin.headers);
    expect(actions).toContain('auth.throttled:success');
    expect(actions).not.toContain('auth.lockout:success');
    expect(actions.filter((action) => action === 'auth.login:failure').length).toBe(5);
  });

  it('rate-limits login per email and address with 429 and Retry-After; other addresses are unaffected', async () => {
    const limited = await createTestDeps({ AUTH_LOGIN_LIMIT_PER_EMAIL: '3', TRUST_PROXY: 'true' });
    const limitedServer = await startTestServer(limited);
    try {
      const client = httpClient(limitedServer.baseUrl);
      const statuses: number[] = [];
      for (let attempt = 0; attempt < 5; attempt++) statuses.push((await client.post('/api/auth/login', { email: 'storm@target.test', password: 'x' })).status);
      expect(statuses).toEqual([401, 401, 401, 429, 429]);
      const throttled = await client.post('/auth/login', { email: 'storm@target.test', password: 'x' });
      expect(throttled.status).toBe(429);
      expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(throttled.body.code).toBe('RATE_LIMITED');
      expect((await client.post('/auth/login', { email: 'storm@target.test', password: 'x' }, { 'x-forwarded-for': '198.51.100.9' })).status).toBe(401);
    } finally {
      await limitedServer.close();
      await limited.close();
    }
  });

  it('rate-limits login and registration per client IP', async () => {
    const limited = await createTestDeps({ AUTH_LOGIN_LIMIT_PER_IP: '4', TRUST_PROXY: 'true' });
    const limitedServer = await startTestServer(limited);
    try {
      const client = httpClient(limitedServer.baseUrl);
      const ip = { 'x-forwarded-for': '203.0.113.77' };
      const statuses: number[] = [];
      for (let attempt = 0; attempt < 5; attempt++)
        statuses.push((await client.post('/api/auth/login', { email: `spray${attempt}@target.test`, password: 'x' }, ip)).status);
      expect(statuses).toEqual([401, 401, 401, 401, 429]);
      expect((await client.post('/api/auth/login', { email: 'other@target.test', password: 'x' }, { 'x-forwarded-for': '203.0.113.78' })).status).toBe(401);
    } finally {
      await limitedServer.close();
      await limited.close();
    }
  });
});

describe('API keys', () => {
  it('are shown once, stored hashed, carry a role, and stop working when revoked', async () => {
    const org = await createTestOrg(t.deps);
    const created = await t.http.post('/api/keys', { name: 'sensor fleet', role: 'analyst' }, org.admin.headers);
    expect(created.status).toBe(201);
    const key = created.body.key as string;
    expect(key).toMatch(/^vgl_[a-z2-9]{10}_[a-z2-9]{32}$/);
    const stored = await t.deps.db.selectFrom('api_keys').selectAll().where('id', '=', created.body.id).executeTakeFirstOrThrow();
    expect(JSON.stringify(stored)).not.toContain(key.slice(15));
    const listed = await t.http.get('/api/keys', org.admin.headers);
    expect(JSON.stringify(listed.body)).not.toContain(key.slice(15));
    expect(listed.body[0]).toMatchObject({ name: 'sensor fleet', role: 'analyst', prefix: key.slice(0, 14), revoked_at: null });

    expect((await t.http.get('/users', { 'x-api-key': key })).status).toBe(200);
    expect((await t.http.get('/api/keys', { 'x-api-key': key })).status).toBe(403);
    const revoked = await t.http.delete(`/api/keys/${created.body.id}`, org.admin.headers);
    expect(revoked.body.revoked_at).not.toBeNull();
    expect((await t.http.get('/users', { 'x-api-key': key })).status).toBe(401);
    expect(await auditActions(org.admin.headers)).toEqual(expect.arrayContaining(['api_key.created:success', 'api_key.revoked:success']));
  });
});
