import { describe, expect, it } from 'vitest';
import { useTestServer } from '../../tests/harness.ts';
import { createTwoOrgs } from '../../tests/tenancy.ts';

const t = useTestServer();

describe('audit.list', () => {
  it("never shows another organisation's audit rows", async () => {
    const { a, b } = await createTwoOrgs(t.deps);
    await t.http.post('/api/keys', { name: 'a audited key' }, a.admin.headers);
    const own = await t.http.get<{ items: { action: string; actor_id: string }[] }>('/api/audit', a.admin.headers);
    expect(own.body.items.map((item) => item.action)).toContain('api_key.created');
    const other = await t.http.get<{ items: { action: string; actor_id: string }[] }>('/api/audit', b.admin.headers);
    expect(other.body.items.every((item) => item.actor_id !== a.admin.id)).toBe(true);
  });
});
