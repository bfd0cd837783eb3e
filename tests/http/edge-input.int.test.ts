import { describe, expect, it } from 'vitest';
import { createTestOrg } from '../fixtures/identity.ts';
import { useTestServer } from '../harness.ts';

const t = useTestServer();

const nested = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

describe('NUL in API inputs', () => {
  it('is a 400 naming the field on an unauthenticated route', async () => {
    const response = await t.http.post('/api/auth/login', { email: 'a\u0000@example.com', password: 'Whatever-Pass-1!' });
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
    expect(response.body.issues).toEqual([{ path: 'email', message: 'contains a NUL character (\\u0000)' }]);
  });

  it('is a 400 in a GET filter', async () => {
    const org = await createTestOrg(t.deps);
    const response = await t.http.get('/alerts?category=brute%00force', org.admin.headers);
    expect(response.status).toBe(400);
    expect(response.body.issues?.[0]?.path).toBe('category');
  });

  it('is a 400 in an object key of a write', async () => {
    const org = await createTestOrg(t.deps);
    const response = await t.http.post('/alerts', { title: 'x', details: { 'k\u0000': 1 } }, org.admin.headers);
    expect(response.status).toBe(400);
    expect(response.body.detail).toContain('NUL');
  });

  it('is kept as evidence in ingested records: the batch is stored', async () => {
    const org = await createTestOrg(t.deps);
    const record = { eventid: 'cowrie.command.input', timestamp: new Date().toISOString(), src_ip: '198.51.100.7', session: 'nul', input: 'echo \u0000x' };
    const response = await t.http.post('/ingest/multi', { source_type: 'cowrie', events: [record] }, org.admin.headers);
    expect(response.status).toBe(200);
    const row = await t.deps.db.selectFrom('events').select(['process_command_line']).where('org_id', '=', org.orgId).executeTakeFirstOrThrow();
    expect(row.process_command_line).toBe('echo \uFFFDx');
  });
});

describe('deeply nested JSON', () => {
  it('is a 400 (not a 500) on REST, JSON and NDJSON alike', async () => {
    const json = await fetch(`${t.server.baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: nested(5000) });
    expect(json.status).toBe(400);
    expect(((await json.json()) as { detail: string }).detail).toContain('nested 5000 levels deep');
    const ndjson = await fetch(`${t.server.baseUrl}/ingest/multi`, { method: 'POST', headers: { 'content-type': 'application/x-ndjson' }, body: nested(5000) });
    expect(ndjson.status).toBe(400);
  });

  it('accepts the nesting real bodies have', async () => {
    const response = await fetch(`${t.server.baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: nested(20) });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { detail: string }).detail).not.toContain('nested');
  });
});
