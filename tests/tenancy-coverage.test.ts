import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { appRouter } from '../routers/index.ts';
import type { Meta } from '../routers/trpc.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

function securityTestSources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' || entry.name.startsWith('.') ? [] : securityTestSources(path);
    return entry.name.endsWith('.security.int.test.ts') ? [readFileSync(path, 'utf8')] : [];
  });
}

/**
 * Every procedure is either marked `tenancy: 'none'` (it touches no tenant data) or named in a
 * `describe('<procedure path>')` of a *.security.int.test.ts file that calls it across tenants.
 */
describe('tenancy coverage', () => {
  const sources = securityTestSources(join(root, 'routers')).join('\n');
  const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, { _def: { meta?: Meta } }>);

  it('finds procedures and security tests', () => {
    expect(procedures.length).toBeGreaterThan(10);
    expect(sources.length).toBeGreaterThan(0);
  });

  it.each(procedures.map(([path, procedure]) => [path, procedure._def.meta?.tenancy ?? 'org'] as const))('%s (%s)', (path, tenancy) => {
    if (tenancy === 'none') return;
    expect(sources, `add a cross-tenant test: describe('${path}') in a routers/**/*.security.int.test.ts (${relative(root, root)})`).toContain(
      `describe('${path}'`,
    );
  });
});
