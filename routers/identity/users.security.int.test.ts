import { describe, expect, it } from 'vitest';
import { TEST_PASSWORD } from '../../tests/fixtures/identity.ts';
import { useTestServer } from '../../tests/harness.ts';
import { createTwoOrgs } from '../../tests/tenancy.ts';

const t = useTestServer();

describe('users.list', () => {
  it("never shows another organisation's users", async () => {
    const { a, b } = await createTwoOrgs(t.deps);
    const listed = await t.http.get<{ email: string; tenant_id: string }[]>('/users', b.admin.headers);
    expect(listed.body.map((user) => user.email)).toEqual([b.admin.email]);
    expect(listed.body.every((user) => user.tenant_id === b.slug)).toBe(true);
    expect(JSON.stringify(listed.body)).not.toContain(a.admin.email);
  });
});

describe('users.create', () => {
  it('creates in the caller organisation whatever tenant_id says', async () => {
    const { a, b } = await createTwoOrgs(t.deps);
    const created = await t.http.post(
      '/users',
      { full_name: 'Sneaky User', role: 'analyst', email: 'sneaky@b.test', password: TEST_PASSWORD, tenant_id: a.slug },
      b.admin.headers,
    );
    expect(created.status).toBe(201);
    expect(created.body.tenant_id).toBe(b.slug);
    const inA = await t.http.get<{ email: string }[]>('/users', a.admin.headers);
    expect(inA.body.map((user) => user.email)).not.toContain('sneaky@b.test');
  });
});

describe('users.update', () => {
  it("answers 404 for another organisation's user and changes nothing", async () => {
    const { a, b } = await createTwoOrgs(t.deps);
    const response = await t.http.patch(`/users/${a.admin.id}`, { role: 'viewer', full_name: 'Hijacked' }, b.admin.headers);
    expect(response.status).toBe(404);
    const missing = await t.http.patch('/users/00000000-0000-4000-8000-000000000000', { full_name: 'Nobody Here' }, b.admin.headers);
    expect(response.body.detail.replace(a.admin.id, 'ID')).toBe(missing.body.detail.replace('00000000-0000-4000-8000-000000000000', 'ID'));
    const row = await t.deps.db.selectFrom('users').select(['role', 'full_name']).where('id', '=', a.admin.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ role: 'admin', full_name: 'Test admin' });
  });
});
