import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../core/config.ts';
import { createLogger } from '../../core/logger.ts';
import { createDb, createPool } from '../../db/client.ts';
import { startEmbeddedPostgres } from '../../db/embedded-postgres.ts';
import { migrateToLatest } from '../../db/migrator.ts';
import { type RunningWorker, startWorker } from '../../jobs/runner.ts';
import { createDeps } from '../../server/deps.ts';
import { startTestServer, useTestServer } from '../../tests/harness.ts';

const t = useTestServer({});

const getJson = async (path: string) => {
  const response = await fetch(`${t.server.baseUrl}${path}`);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

describe('service routes', () => {
  it('GET / and /healthz answer without dependencies', async () => {
    expect(await getJson('/')).toEqual({ status: 200, body: { status: 'ok', service: 'vigil' } });
    expect(await getJson('/healthz')).toEqual({ status: 200, body: { status: 'ok' } });
  });

  it('GET /readyz is 503 until a job worker reports, then 200', async () => {
    await sql`delete from worker_heartbeats`.execute(t.deps.db);
    const before = await getJson('/readyz');
    expect(before.status).toBe(503);
    expect(before.body).toMatchObject({ status: 'fail', db: 'ok', migrations: 'ok', worker: 'fail', opensearch: 'disabled' });
    expect(before.body.error).toContain('no job worker');

    const worker: RunningWorker = await startWorker(t.deps, 1);
    try {
      expect(await getJson('/readyz')).toEqual({ status: 200, body: { status: 'ok', db: 'ok', migrations: 'ok', worker: 'ok', opensearch: 'disabled' } });
      const health = await getJson('/health');
      expect(health.body).toMatchObject({ status: 'healthy', checks: { db: 'ok', worker: 'ok' } });
    } finally {
      await worker.stop();
    }
  });

  it('GET /metrics exposes route-template histograms and job counts without organisation labels', async () => {
    await getJson('/healthz');
    const text = await (await fetch(`${t.server.baseUrl}/metrics`)).text();
    expect(text).toMatch(/vigil_http_request_duration_seconds_count\{method="GET",route="\/healthz",status="200"\} \d+/);
    expect(text).toMatch(/vigil_jobs\{state="queued"\} \d+/);
    expect(text).toContain('vigil_process_resident_memory_bytes');
    expect(text).not.toMatch(/org_?id/i);
  });

  it('GET /metrics shows the event-loop lag of the API process', async () => {
    const text = await (await fetch(`${t.server.baseUrl}/metrics`)).text();
    expect(text).toMatch(/^vigil_nodejs_eventloop_lag_p99_seconds \d/m);
    expect(text).toMatch(/^vigil_nodejs_eventloop_lag_max_seconds \d/m);
  });

  it('serves the OpenAPI document and the interactive reference', async () => {
    const document = await getJson('/openapi.json');
    expect(document.body.openapi).toBe('3.1.0');
    expect(Object.keys(document.body.paths as object)).toEqual(expect.arrayContaining(['/', '/healthz', '/readyz', '/health']));
    const docs = await fetch(`${t.server.baseUrl}/docs/`);
    expect(docs.status).toBe(200);
    expect(docs.headers.get('content-type')).toContain('text/html');
  });
});

describe('readiness when the database stops', () => {
  it('goes 503 with db: fail, without hanging', async () => {
    const logger = createLogger({ LOG_LEVEL: 'silent' });
    const dataDir = await mkdtemp(join(tmpdir(), 'vigil-readyz-'));
    const database = await startEmbeddedPostgres(dataDir, logger);
    const config = loadConfig({ DATABASE_URL: database.url, LOG_LEVEL: 'silent', NODE_ENV: 'test' });
    const own = await createDeps(config, logger);
    const pool = createPool(database.url, config, logger);
    await migrateToLatest(createDb(pool, config, logger), pool);
    await pool.end();
    const worker = await startWorker(own, 1);
    const ownServer = await startTestServer(own);
    try {
      expect((await fetch(`${ownServer.baseUrl}/readyz`)).status).toBe(200);
      await worker.stop();
      await database.stop();
      const started = Date.now();
      const response = await fetch(`${ownServer.baseUrl}/readyz`);
      expect(response.status).toBe(503);
      expect(await response.json()).toMatchObject({ status: 'fail', db: 'fail' });
      // "without hanging": well under the 30 s statement timeout, with room for a busy machine
      expect(Date.now() - started).toBeLessThan(20_000);
    } finally {
      await ownServer.close();
      await own.db.destroy();
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
