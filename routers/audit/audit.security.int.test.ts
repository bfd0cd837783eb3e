import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deps } from '../../server/deps.ts';
import { createTestDeps, startTestServer, type TestServer } from '../../tests/harness.ts';
import { type HttpClient, httpClient } from '../../tests/http-client.ts';
import { createTwoOrgs } from '../../tests/tenancy.ts';

let deps: Deps;
let server: TestServer;
let http: HttpClient;

beforeAll(async () => {
  deps = await createTestDeps();
  server = await startTestServer(deps);
  http = httpClient(server.baseUrl);
});

afterAll(async () => {
  await server.close();
  await deps.close();
});

describe('audit.list', () => {
  it("never shows another organisation's audit rows", async () => {
    const { a, b } = await createTwoOrgs(deps);
    await http.post('/api/keys', { name: 'a audited key' }, a.admin.headers);
    const own = await http.get<{ items: { action: string; actor_id: string }[] }>('/api/audit', a.admin.headers);
    expect(own.body.items.map((item) => item.action)).toContain('api_key.created');
    const other = await http.get<{ items: { action: string; actor_id: string }[] }>('/api/audit', b.admin.headers);
    expect(other.body.items.every((item) => item.actor_id !== a.admin.id)).toBe(true);
  });
});
