import { describe, expect, it } from 'vitest';
import { useTestServer } from '../../tests/harness.ts';
import { createTwoOrgs } from '../../tests/tenancy.ts';

const t = useTestServer();

describe('auth.me', () => {
  it("shows the caller's own organisation only", async () => {
    const { a, b } = await createTwoOrgs(t.deps);
    const me = await t.http.get('/api/auth/me', b.admin.headers);
    expect(me.body.organization.uuid).toBe(b.orgId);
    expect(me.body.organization.uuid).not.toBe(a.orgId);
    // Mini-XDR numbers organisations: the id its clients read is an integer, the user's organization_id the same one
    expect(me.body.organization.id).toEqual(expect.any(Number));
    expect(me.body.user.organization_id).toBe(me.body.organization.id);
  });
});

describe('auth.profile', () => {
  it("reports the caller's own tenant", async () => {
    const { b } = await createTwoOrgs(t.deps);
    expect((await t.http.get('/me', b.admin.headers)).body.tenant_id).toBe(b.slug);
  });
});

describe('auth.invite', () => {
  it("adds the invitee to the inviter's organisation only", async () => {
    const { a, b } = await createTwoOrgs(t.deps);
    const invited = await t.http.post('/api/auth/invite', { email: 'guest@b.test', full_name: 'Guest B' }, b.admin.headers);
    const orgB = await t.deps.db.selectFrom('orgs').select('public_id').where('id', '=', b.orgId).executeTakeFirstOrThrow();
    expect(invited.body.user.organization_id).toBe(Number(orgB.public_id));
    const inA = await t.http.get<{ email: string }[]>('/users', a.admin.headers);
    expect(inA.body.map((user) => user.email)).not.toContain('guest@b.test');
  });
});

describe('auth.logout', () => {
  it("cannot revoke another organisation's login with a refresh token from it", async () => {
    const { a, b } = await createTwoOrgs(t.deps);
    const aLogin = await t.http.post('/api/auth/login', { email: a.admin.email, password: a.admin.password });
    expect((await t.http.post('/api/auth/logout', { refresh_token: aLogin.body.refresh_token }, b.admin.headers)).status).toBe(200);
    expect((await t.http.post('/api/auth/refresh', { refresh_token: aLogin.body.refresh_token })).status).toBe(200);
  });
});

describe('auth.changePassword', () => {
  it("changes only the caller's password", async () => {
    const { a, b } = await createTwoOrgs(t.deps);
    const changed = await t.http.post('/api/auth/change-password', { current_password: b.admin.password, new_password: 'Brand-New-Pass-77!' }, b.admin.headers);
    expect(changed.status).toBe(200);
    expect((await t.http.post('/api/auth/login', { email: a.admin.email, password: a.admin.password })).status).toBe(200);
  });
});
