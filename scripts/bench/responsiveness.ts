import type { OrgServiceContext } from '../../core/context.ts';
import { unsafeMintOrgId } from '../../core/database.ts';
import { insertOrg } from '../../db/repos/orgs.repo.ts';
import { startWorkerThread } from '../../jobs/thread-runner.ts';
import { buildHttpApp } from '../../server/http/app.ts';
import { runDetectionOnce, scheduleDetection } from '../../services/detection/index.ts';
import { ingestRecords } from '../../services/ingest/index.ts';
import { mixedStream } from './mixed-stream.ts';
import { createBenchEnvironment } from './setup.ts';
import { chunk, percentile } from './stats.ts';

const argument = (name: string, fallback: number) => {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
};
const EVENTS = argument('events', 40_000);

type Probe = { stop: () => Promise<number[]> };

/** One authenticated read after another, as a dashboard would poll, until stopped; returns the latencies in ms. */
function probeApi(baseUrl: string, apiKey: string): Probe {
  const latencies: number[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const started = performance.now();
      const response = await fetch(`${baseUrl}/alerts?limit=10`, { headers: { 'x-api-key': apiKey } });
      await response.arrayBuffer();
      latencies.push(performance.now() - started);
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return latencies.sort((a, b) => a - b);
    },
  };
}

async function seed(ctx: OrgServiceContext, startMs: number): Promise<void> {
  const records = mixedStream(EVENTS, startMs);
  for (const source of ['cowrie', 'suricata', 'zeek', 'agent'] as const) {
    const ofSource = records.filter((record) => record.source === source).map((record) => record.record);
    for (const part of chunk(ofSource, 1000)) await ingestRecords(ctx, { channel: 'events', source, records: part });
  }
}

const summary = (latencies: number[]) =>
  `p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms, max ${(latencies.at(-1) ?? 0).toFixed(1)} ms (${latencies.length} requests)`;

/**
 * `npm run bench:responsiveness`: API latency while a detection pass runs, first on the API's own event
 * loop (how `npm start` ran jobs before), then on the worker thread `npm start` uses now.
 */
async function main(): Promise<void> {
  const env = await createBenchEnvironment();
  const out = (line: string) => process.stdout.write(`${line}\n`);
  try {
    const second = await insertOrg(env.deps.db, { name: 'Bench thread', slug: `bench-thread-${process.pid}` });
    const threadCtx: OrgServiceContext = {
      ...env.ctx,
      orgId: unsafeMintOrgId(second.id),
      principal: { ...env.ctx.principal, orgId: unsafeMintOrgId(second.id) },
    };
    await seed(env.ctx, Date.UTC(2026, 10, 23));
    await seed(threadCtx, Date.UTC(2026, 10, 23));
    out(`Vigil API responsiveness during detection: ${EVENTS.toLocaleString('en-US')} mixed events per organisation`);
    const app = await buildHttpApp(env.deps);
    const baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });

    const idle = probeApi(baseUrl, env.apiKey);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const idleLatencies = await idle.stop();
    out(`  API idle:                              ${summary(idleLatencies)}`);

    let probe = probeApi(baseUrl, env.apiKey);
    while ((await runDetectionOnce(env.deps, env.orgId, 0)).processed > 0);
    const sameLoop = await probe.stop();
    out(`  detection on the API's event loop:     ${summary(sameLoop)}`);

    const thread = await startWorkerThread({ databaseUrl: env.deps.databaseUrl, concurrency: 1, settings: { LOG_LEVEL: 'error' } }, env.deps.logger);
    probe = probeApi(baseUrl, env.apiKey);
    await scheduleDetection(env.deps.db, threadCtx.orgId, 0);
    while (await detectionPending(env, threadCtx.orgId)) await new Promise((resolve) => setTimeout(resolve, 50));
    const ownThread = await probe.stop();
    await thread.stop();
    out(`  detection on the worker thread:        ${summary(ownThread)}`);
    out(`  ratio API p99, worker thread / same event loop: ${(percentile(ownThread, 99) / percentile(sameLoop, 99)).toFixed(2)}`);
    await app.close();
  } finally {
    await env.close();
  }
}

async function detectionPending(env: Awaited<ReturnType<typeof createBenchEnvironment>>, orgId: string): Promise<boolean> {
  const cursor = await env.deps.db
    .selectFrom('detection_cursors')
    .select('last_event_id')
    .where('org_id', '=', orgId as never)
    .executeTakeFirst();
  const newest = await env.deps.db
    .selectFrom('events')
    .select((eb) => eb.fn.max('id').as('id'))
    .where('org_id', '=', orgId as never)
    .executeTakeFirst();
  return Number(cursor?.last_event_id ?? 0) < Number(newest?.id ?? 0);
}

await main();
