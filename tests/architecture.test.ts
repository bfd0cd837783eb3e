import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findCycles, importsOf, readImportGraph } from './architecture/import-graph.ts';
import { orgIdMints, ruleViolations } from './architecture/rules.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

describe('architecture', () => {
  const { files, edges } = readImportGraph(root);

  it('reads the tree', () => {
    expect(files.size).toBeGreaterThan(200);
    expect(edges.length).toBeGreaterThan(500);
  });

  it('keeps every layer rule', () => {
    expect(ruleViolations(edges)).toEqual([]);
  });

  it('has no import cycle', () => {
    expect(findCycles(edges).map((cycle) => cycle.join(' → '))).toEqual([]);
  });

  it('mints an OrgId only in authentication, job tasks and scripts', () => {
    expect(orgIdMints(files)).toEqual([]);
  });
});

describe('architecture rules catch', () => {
  const edge = (from: string, to: string, typeOnly = false) => ({ from, to, typeOnly });

  it.each([
    ['a router importing db/', edge('routers/alerts/get-alert.ts', 'db/repos/alerts.repo.ts')],
    ['a router importing server/', edge('routers/alerts/get-alert.ts', 'server/deps.ts')],
    ['core/ importing a service', edge('core/context.ts', 'services/identity/index.ts', true)],
    ['core/ importing db code', edge('core/database.ts', 'db/client.ts')],
    ['a service importing server/', edge('services/alerts/report-alert.service.ts', 'server/deps.ts')],
    ['a service importing a job task', edge('services/detection/schedule.ts', 'jobs/tasks/detection__scan_org.ts')],
    ['an engine importing a service', edge('engines/detection/index.ts', 'services/detection/index.ts')],
    ['db/ importing a service', edge('db/repos/alerts.repo.ts', 'services/alerts/index.ts')],
    ['a task importing a repository', edge('jobs/tasks/detection__scan_org.ts', 'db/repos/orgs.repo.ts')],
    ['a domain reaching past another entry', edge('services/cases/incident-write.service.ts', 'services/alerts/alert.dto.ts')],
    ['a router reaching past an entry', edge('routers/alerts/get-alert.ts', 'services/alerts/alert.dto.ts')],
  ])('%s', (_name, wrong) => {
    expect(ruleViolations([wrong])).toHaveLength(1);
  });

  it('an import cycle, however long', () => {
    expect(findCycles([edge('a.ts', 'b.ts'), edge('b.ts', 'c.ts'), edge('c.ts', 'a.ts')])).toEqual([['a.ts', 'b.ts', 'c.ts']]);
  });

  it('an OrgId minted in a router', () => {
    expect(orgIdMints(new Map([['routers/identity/login-with-session.ts', 'const orgId = unsafeMintOrgId(row.org_id);']]))).toHaveLength(1);
  });

  it('multi-line, type-only and re-export imports', () => {
    const source = "import type {\n  A,\n  B,\n} from '../../db/x.ts';\nexport { c } from './c.ts';\nconst m = await import('../y.ts');";
    expect(importsOf('routers/a/b.ts', source)).toEqual([
      edge('routers/a/b.ts', 'db/x.ts', true),
      edge('routers/a/b.ts', 'routers/a/c.ts'),
      edge('routers/a/b.ts', 'routers/y.ts'),
    ]);
  });
});
