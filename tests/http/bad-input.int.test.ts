import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createTestOrg } from '../fixtures/identity.ts';
import { useTestServer } from '../harness.ts';

type OpenApiDocument = { paths: Record<string, Record<string, unknown>> };
const document = JSON.parse(readFileSync(new URL('../../clients/openapi.json', import.meta.url), 'utf8')) as OpenApiDocument;

const routes = Object.entries(document.paths).flatMap(([path, operations]) =>
  Object.keys(operations)
    .filter((method) => method !== 'get')
    .map((method) => ({ method: method.toUpperCase(), path })),
);

/** Bodies a careless or hostile client sends. None may produce a 500. */
const BAD_BODIES: readonly unknown[] = [
  {},
  { events: 'not-an-array' },
  { events: [null, 1, 'x', [], { deeply: { nested: { value: true } } }] },
  { id: -1, name: 42, severity: 'apocalyptic', status: 'weird', title: '', email: 'x' },
  { title: 'x'.repeat(20_000), description: null, tags: 'not-a-list' },
  [1, 2, 3],
  { __proto__: { polluted: true }, constructor: { prototype: { polluted: true } } },
];

const t = useTestServer({ AUTH_OPEN_REGISTRATION: 'true' });

function concretePath(path: string, variant: number): string {
  const values = ['1', '00000000-0000-4000-8000-000000000000', 'not-an-id', '-5', '9999999999999'];
  return path.replace(/\{[^}]+\}/g, () => values[variant % values.length] ?? '1');
}

describe('bad input never produces a 500', () => {
  it('covers the write routes', () => {
    expect(routes.length).toBeGreaterThan(40);
  });

  it.each(routes)('$method $path', async ({ method, path }) => {
    const org = await createTestOrg(t.deps);
    for (const [index, body] of BAD_BODIES.entries()) {
      const response = await fetch(`${t.server.baseUrl}${concretePath(path, index)}`, {
        method,
        headers: { ...org.admin.headers, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      const text = await response.text();
      expect(response.status, `${method} ${path} with ${JSON.stringify(body).slice(0, 80)} → ${text.slice(0, 200)}`).toBeLessThan(500);
    }
  });
});

// /readyz answers 503 by design when no worker runs (none does in this test).
const reads = Object.entries(document.paths).flatMap(([path, operations]) => ('get' in operations && path !== '/readyz' ? [path] : []));
const BAD_QUERIES = [
  '',
  '?limit=abc&offset=-1',
  '?since=yesterday&until=tomorrow&start_time=x&end_time=y',
  '?size=0&severity=apocalyptic&status=%00',
  `?query=${'%25'.repeat(500)}&q=%27%3B%20drop%20table%20events%3B--`,
];

describe('bad query strings never produce a 500', () => {
  it.each(reads)('GET %s', async (path) => {
    const org = await createTestOrg(t.deps);
    for (const [index, query] of BAD_QUERIES.entries()) {
      const response = await fetch(`${t.server.baseUrl}${concretePath(path, index)}${query}`, { headers: org.admin.headers });
      const text = await response.text();
      expect(response.status, `GET ${path}${query} → ${text.slice(0, 200)}`).toBeLessThan(500);
    }
  });
});
