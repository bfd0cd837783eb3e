import { describe, expect, it } from 'vitest';
import { useTestServer } from '../../tests/harness.ts';
import { createTwoOrgs } from '../../tests/tenancy.ts';

const t = useTestServer();

describe('apiKeys.create', () => {
  it("makes a key that only sees its own organisation's data", async () => {
    const { a, b } = await createTwoOrgs(t.deps);
    const created = await t.http.post('/api/keys', { name: 'b reader', role: 'viewer' }, b.admin.headers);
    const listed = await t.http.get<{ email: string }[]>('/users', { 'x-api-key': created.body.key });
    expect(listed.body.map((user) => user.email)).toEqual([b.admin.email]);
    expect(JSON.stringify(listed.body)).not.toContain(a.admin.email);
  });
});

describe('apiKeys.list', () => {
  it("never lists another organisation's keys", async () => {
    const { a, b } = await createTwoOrgs(t.deps);
    await t.http.post('/api/keys', { name: 'a secret key' }, a.admin.headers);
    const listed = await t.http.get<{ name: string }[]>('/api/keys', b.admin.headers);
    expect(listed.body.map((key) => key.name)).not.toContain('a secret key');
  });
});

describe('apiKeys.revoke', () => {
  it("answers 404 for another organisation's key and leaves it working", async () => {
    const { a, b } = await createTwoOrgs(t.deps);
    const created = await t.http.post('/api/keys', { name: 'a key' }, a.admin.headers);
    expect((await t.http.delete(`/api/keys/${created.body.id}`, b.admin.headers)).status).toBe(404);
    expect((await t.http.get('/users', { 'x-api-key': created.body.key })).status).toBe(200);
  });
});
