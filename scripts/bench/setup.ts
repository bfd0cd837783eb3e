import { randomBytes } from 'node:crypto';
import { loadConfig } from '../../core/config.ts';
import type { OrgServiceContext } from '../../core/context.ts';
import { type OrgId, unsafeMintOrgId } from '../../core/database.ts';
import { createLogger } from '../../core/logger.ts';
import { dropDatabase, recreateDatabase } from '../../db/admin.ts';
import { resolveDatabase } from '../../db/database.ts';
import { migrateToLatest } from '../../db/migrator.ts';
import { insertApiKey } from '../../db/repos/api-keys.repo.ts';
import { insertOrg } from '../../db/repos/orgs.repo.ts';
import { loadConfigOrExit } from '../../server/boot.ts';
import { createDeps, type Deps } from '../../server/deps.ts';
import { generateApiKey, hashSecret } from '../../services/identity/index.ts';

export type BenchEnvironment = { deps: Deps; orgId: OrgId; apiKey: string; ctx: OrgServiceContext; close: () => Promise<void> };

/** A scratch database on the configured (or embedded) server, migrated, with one organisation and an admin API key. */
export async function createBenchEnvironment(env: Record<string, string> = {}): Promise<BenchEnvironment> {
  const base = loadConfigOrExit();
  const logger = createLogger({ LOG_LEVEL: 'error' });
  const server = await resolveDatabase(base, logger);
  const name = `vigil_bench_${process.pid}`;
  const url = await recreateDatabase(server.url, name);
  const config = loadConfig({
    DATABASE_URL: url,
    LOG_LEVEL: 'error',
    DB_POOL_MAX: '12',
    AUTH_JWT_SECRET: randomBytes(32).toString('hex'),
    SECRETS_ENCRYPTION_KEY: randomBytes(32).toString('base64url'),
    INGEST_LIMIT_PER_MINUTE: '1000000',
    ...env,
  });
  const deps = await createDeps(config, logger);
  await migrateToLatest(deps.db, deps.pool);
  const org = await insertOrg(deps.db, { name: 'Bench', slug: `bench-${process.pid}` });
  const orgId = unsafeMintOrgId(org.id);
  const { key, prefix } = generateApiKey();
  const row = await insertApiKey(deps.db, orgId, { name: 'bench', prefix, key_hash: Buffer.from(hashSecret(key)), role: 'admin' });
  const ctx: OrgServiceContext = {
    deps,
    logger,
    requestId: null,
    ip: '127.0.0.1',
    orgId,
    principal: { actorType: 'api_key', actorId: row.id, orgId, role: 'admin', mustChangePassword: false, credential: { kind: 'api_key', keyId: row.id } },
  };
  return {
    deps,
    orgId,
    apiKey: key,
    ctx,
    async close() {
      await deps.close();
      await dropDatabase(server.url, name);
      await server.stop();
    },
  };
}
