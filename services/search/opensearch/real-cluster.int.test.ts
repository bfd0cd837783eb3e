import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseKql } from '../../../engines/kql/index.ts';
import type { Deps } from '../../../server/deps.ts';
import { createTestOrg, orgServiceContext, type TestOrg } from '../../../tests/fixtures/identity.ts';
import { createTestDeps } from '../../../tests/harness.ts';
import { checkReadiness } from '../../system/readiness.service.ts';
import { closeOpenSearchClients, openSearchClient } from './client.ts';
import { runSearchIndexer } from './indexer.service.ts';
import { runOpenSearchKql } from './run-opensearch-kql.ts';

// biome-ignore lint/style/noProcessEnv: this suite runs only against the cluster the environment names
const CLUSTER = process.env.OPENSEARCH_URL;
const suite = CLUSTER ? describe : describe.skip;
const name = CLUSTER ? 'against the real OpenSearch cluster' : 'against a real OpenSearch cluster (skipped: OPENSEARCH_URL is not set)';

suite(name, () => {
  const prefix = `vigil-it-${randomBytes(4).toString('hex')}`;
  let deps: Deps;
  let org: TestOrg;

  beforeAll(async () => {
    deps = await createTestDeps({
      SEARCH_BACKEND: 'opensearch',
      OPENSEARCH_URL: CLUSTER as string,
      OPENSEARCH_INDEX_PREFIX: prefix,
      OPENSEARCH_INDEX_REPLICAS: '0',
    });
    org = await createTestOrg(deps);
  });

  afterAll(async () => {
    const client = openSearchClient(CLUSTER as string);
    await client.indices.delete({ index: `${prefix}-*` }).catch(() => undefined);
    await client.indices.deleteIndexTemplate({ name: `${prefix}-events` }).catch(() => undefined);
    await closeOpenSearchClients();
    await deps?.close();
  });

  it('indexes stored events and answers KQL with the compiled DSL', async () => {
    await runSearchIndexer(deps); // switches the outbox on
    const at = new Date(Date.now() - 60_000);
    await sql`
      insert into events (org_id, occurred_at, channel, source_kind, kind, category, action, outcome, severity, src_ip, user_name, message, process_command_line, attributes, dedup_key)
      values (${org.orgId}::uuid, ${at}, 'honeypot', 'cowrie', 'auth', 'authentication', 'login', 'failure', 3, '203.0.113.7', 'root', 'Failed password for root', 'powershell -enc AAAA', '{"http": {"method": "POST"}}', 'real-1'),
             (${org.orgId}::uuid, ${at}, 'honeypot', 'cowrie', 'auth', 'authentication', 'login', 'failure', 1, '198.51.100.2', 'admin', 'Failed password for admin', null, '{}', 'real-2')`.execute(
      deps.db,
    );
    expect(await runSearchIndexer(deps)).toMatchObject({ backend: 'opensearch', failed: 0 });
    await openSearchClient(CLUSTER as string).indices.refresh({ index: `${prefix}-*` });

    const ctx = orgServiceContext(deps, org);
    const window = { startTime: new Date(Date.now() - 3_600_000), endTime: new Date(Date.now() + 60_000), maxRows: 100 };
    const run = (text: string) => runOpenSearchKql(ctx, { text, query: parseKql(text), ...window });
    expect((await run('Events | where Message has "ROOT" | project UserName')).hits).toEqual([{ UserName: 'root' }]);
    expect((await run('Events | where ipv4_is_in_range(SrcIp, "198.51.100.0/24") | project UserName')).hits).toEqual([{ UserName: 'admin' }]);
    expect((await run('Events | where Attributes.http.method == "POST" | count')).hits).toEqual([{ Count: 1 }]);
    expect((await run('Events | where ProcessCommandLine matches regex "-enc\\\\s+A+" | count')).hits).toEqual([{ Count: 1 }]);
    expect((await run('Events | summarize n = count() by UserName | sort by UserName asc')).hits).toEqual([
      { UserName: 'admin', n: 1 },
      { UserName: 'root', n: 1 },
    ]);
    expect(await checkReadiness(deps.db, deps.searchProbe)).toMatchObject({ opensearch: 'ok' });
  });
});
