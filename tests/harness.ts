import type { OpenApiRouter } from 'trpc-to-openapi';
import { afterAll, beforeAll } from 'vitest';
import { loadConfig } from '../core/config.ts';
import { createLogger } from '../core/logger.ts';
import { createDeps, type Deps } from '../server/deps.ts';
import { buildHttpApp } from '../server/http/app.ts';
import { type HttpClient, httpClient } from './http-client.ts';
import { fileDatabaseUrl } from './setup/test-db.ts';

/** The process dependencies of a real server, on this test file's database. */
export async function createTestDeps(env: Record<string, string> = {}): Promise<Deps> {
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATABASE_URL: fileDatabaseUrl(),
    DB_POOL_MAX: '5',
    AUTH_JWT_SECRET: 'test-only-jwt-secret-0123456789abcdef',
    SECRETS_ENCRYPTION_KEY: 'dGVzdC1vbmx5LWVuY3J5cHRpb24ta2V5LTMyYnl0ZXM',
    // Every test calls from 127.0.0.1: per-IP limits are exercised with X-Forwarded-For instead.
    AUTH_LOGIN_LIMIT_PER_IP: '100000',
    ...env,
  });
  return createDeps(config, createLogger(config));
}

export type TestServer = { baseUrl: string; close: () => Promise<void> };

/** The real HTTP host on an ephemeral loopback port. */
export async function startTestServer(deps: Deps, router?: OpenApiRouter): Promise<TestServer> {
  const app = await buildHttpApp(deps, router);
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  return { baseUrl: address, close: () => app.close() };
}

export type TestServerHandle = { deps: Deps; server: TestServer; http: HttpClient };

/** Starts a real server on this file's database before the file's tests, and stops it after. */
export function useTestServer(env: Record<string, string> = {}, router?: OpenApiRouter): TestServerHandle {
  const handle = {} as TestServerHandle;
  beforeAll(async () => {
    handle.deps = await createTestDeps(env);
    handle.server = await startTestServer(handle.deps, router);
    handle.http = httpClient(handle.server.baseUrl);
  });
  afterAll(async () => {
    await handle.server?.close();
    await handle.deps?.close();
  });
  return handle;
}
