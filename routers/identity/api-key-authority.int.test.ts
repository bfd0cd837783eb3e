import { describe, expect, it } from 'vitest';
import { createTestOrg, type TestOrg, type TestUser } from '../../tests/fixtures/identity.ts';
import { useTestServer } from '../../tests/harness.ts';

const t = useTestServer();

const withKey = (key: string) => ({ 'x-api-key': key });

async function keyOf(creator: TestUser, role = 'admin', headers = creator.headers): Promise<{ id: string; key: string; created_by: string | null }> {
  const created = await t.http.post('/api/keys', { name: `key of ${creator.email}`, role }, headers);
  expect(created.status).toBe(201);
  return created.body;
}

async function audit(org: TestOrg, action: string): Promise<{ target_id: string; details: Record<string, unknown> }[]> {
  return (await t.http.get(`/api/audit?action=${action}`, org.admin.headers)).body.items;
}

describe("an API key acts with at most its creator's current role", () => {
  it('a demoted creator cannot re-promote themselves with their admin key (403), and a re-promotion restores the key', async () => {
    const org = await createTestOrg(t.deps);
    const creator = await org.addUser('admin');
    const { id: keyId, key } = await keyOf(creator);
    expect((await t.http.get('/api/keys', withKey(key))).status).toBe(200);

    expect((await t.http.patch(`/users/${creator.id}`, { role: 'analyst' }, org.admin.headers)).status).toBe(200);
    const selfPromotion = await t.http.patch(`/users/${creator.id}`, { role: 'admin' }, withKey(key));
    expect(selfPromotion.status).toBe(403);
    expect(selfPromotion.body.detail).toContain("'analyst'");
    expect((await t.http.get('/api/keys', withKey(key))).status).toBe(403);
    expect((await t.http.get('/users', withKey(key))).status).toBe(200);
    const row = await t.deps.db.selectFrom('users').select('role').where('id', '=', creator.id).executeTakeFirstOrThrow();
    expect(row.role).toBe('analyst');

    expect((await t.http.patch(`/users/${creator.id}`, { role: 'admin' }, org.admin.headers)).status).toBe(200);
    expect((await t.http.get('/api/keys', withKey(key))).status).toBe(200);

    const changes = await audit(org, 'api_key.effective_role_changed');
    expect(changes.map((entry) => [entry.target_id, entry.details.from, entry.details.to])).toEqual([
      [keyId, 'analyst', 'admin'],
      [keyId, 'admin', 'analyst'],
    ]);
  });

  it('never raises a key above its own role', async () => {
    const org = await createTestOrg(t.deps);
    const { key } = await keyOf(org.admin, 'viewer');
    expect((await t.http.patch(`/users/${org.admin.id}`, { full_name: 'Renamed Admin' }, withKey(key))).status).toBe(403);
  });

  it("a deactivated creator's keys answer 401, are revoked and audited, and stay dead after reactivation", async () => {
    const org = await createTestOrg(t.deps);
    const creator = await org.addUser('admin');
    const { id: keyId, key } = await keyOf(creator, 'analyst');
    expect((await t.http.get('/users', withKey(key))).status).toBe(200);

    expect((await t.http.patch(`/users/${creator.id}`, { is_active: false }, org.admin.headers)).status).toBe(200);
    expect((await t.http.get('/users', withKey(key))).status).toBe(401);
    const listed = (await t.http.get<{ id: string; revoked_at: string | null }[]>('/api/keys', org.admin.headers)).body;
    expect(listed.find((entry) => entry.id === keyId)?.revoked_at).not.toBeNull();
    expect(await audit(org, 'api_key.revoked')).toEqual([
      expect.objectContaining({ target_id: keyId, details: expect.objectContaining({ reason: 'creator_deactivated' }) }),
    ]);

    expect((await t.http.patch(`/users/${creator.id}`, { is_active: true }, org.admin.headers)).status).toBe(200);
    expect((await t.http.get('/users', withKey(key))).status).toBe(401);
  });

  it('refuses a key whose creator is inactive even where the key was not revoked', async () => {
    const org = await createTestOrg(t.deps);
    const creator = await org.addUser('admin');
    const { key } = await keyOf(creator, 'viewer');
    await t.deps.db.updateTable('users').set({ is_active: false }).where('id', '=', creator.id).execute();
    expect((await t.http.get('/users', withKey(key))).status).toBe(401);
  });

  it('a key made with a key answers to the user behind the first one', async () => {
    const org = await createTestOrg(t.deps);
    const creator = await org.addUser('admin');
    const parent = await keyOf(creator);
    const child = await keyOf(creator, 'admin', withKey(parent.key));
    expect(child.created_by).toBe(creator.id);
    expect((await t.http.patch(`/users/${creator.id}`, { role: 'viewer' }, org.admin.headers)).status).toBe(200);
    expect((await t.http.get('/api/keys', withKey(child.key))).status).toBe(403);
  });
});

describe('x-api-key beside a bearer token (Mini-XDR front-end)', () => {
  it("lets the user's token decide: its role applies, and a stale or revoked key beside it is no 401", async () => {
    const org = await createTestOrg(t.deps);
    const analyst = await org.addUser('analyst');
    const adminKey = await keyOf(org.admin);
    const both = (key: string) => ({ ...analyst.headers, ...withKey(key) });

    expect((await t.http.get('/api/keys', both(adminKey.key))).status).toBe(403);
    expect((await t.http.get('/api/auth/me', both(adminKey.key))).body.user.email).toBe(analyst.email);
    expect((await t.http.get('/api/auth/me', both('vgl_stale_key_from_an_old_deployment'))).status).toBe(200);
    expect((await t.http.get('/alerts', both('not-even-our-format'))).status).toBe(200);
    expect((await t.http.delete(`/api/keys/${adminKey.id}`, org.admin.headers)).status).toBe(200);
    expect((await t.http.get('/api/auth/me', both(adminKey.key))).status).toBe(200);
  });

  it('does not let a valid key rescue an invalid bearer token', async () => {
    const org = await createTestOrg(t.deps);
    const { key } = await keyOf(org.admin);
    expect((await t.http.get('/users', { authorization: 'Bearer not.a.jwt', ...withKey(key) })).status).toBe(401);
    expect((await t.http.get('/users', withKey(key))).status).toBe(200);
  });
});
