import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { useTestServer } from '../harness.ts';

type OpenApiDocument = { paths: Record<string, Record<string, unknown>> };

const document = JSON.parse(readFileSync(new URL('../../clients/openapi.json', import.meta.url), 'utf8')) as OpenApiDocument;
const staticRoutes = Object.entries(document.paths)
  .filter(([path]) => !path.includes('{'))
  .flatMap(([path, operations]) => Object.keys(operations).map((method) => ({ method: method.toUpperCase(), path })));

const t = useTestServer({});

/**
 * trpc-to-openapi matches paths in declaration order, so `/incidents/{id}` declared first would swallow
 * `/incidents/real`. Every static path must reach its own procedure, whatever the call's outcome.
 */
describe('every static REST path reaches its own procedure', () => {
  it('has routes to check', () => {
    expect(staticRoutes.length).toBeGreaterThan(3);
  });

  it.each(staticRoutes)('$method $path', async ({ method, path }) => {
    const response = await fetch(`${t.server.baseUrl}${path}`, {
      method,
      ...(method === 'GET' ? {} : { headers: { 'content-type': 'application/json' }, body: '{}' }),
    });
    expect(response.headers.get('x-vigil-route')).toBe(path);
    expect(response.status).not.toBe(500);
  });
});
