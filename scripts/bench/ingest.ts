import { parseBatch, type SourceKind } from '../../engines/telemetry/index.ts';
import { buildHttpApp } from '../../server/http/app.ts';
import { runDetectionOnce } from '../../services/detection/index.ts';
import { toEventRow } from '../../services/events/index.ts';
import { ingestRecords } from '../../services/ingest/index.ts';
import { copyIntoScratchTable } from './copy-baseline.ts';
import { buildPosts, postAll } from './http-phase.ts';
import { mixedStream, type StreamRecord } from './mixed-stream.ts';
import { createBenchEnvironment } from './setup.ts';
import { chunk, percentile, rate, runConcurrently } from './stats.ts';

const argument = (name: string, fallback: number) => {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
};
const EVENTS = argument('events', 100_000);
const BATCH = argument('batch', 1000);
const CONCURRENCY = argument('concurrency', 4);

function bySource(stream: StreamRecord[]): [SourceKind, unknown[]][] {
  const groups = new Map<SourceKind, unknown[]>();
  for (const { source, record } of stream) groups.set(source, [...(groups.get(source) ?? []), record]);
  return [...groups];
}

/** `npm run bench:ingest`: ingest throughput against a raw COPY of the same rows, in one process. */
async function main(): Promise<void> {
  const env = await createBenchEnvironment();
  const out = (line: string) => process.stdout.write(`${line}\n`);
  try {
    out(
      `Vigil ingest benchmark: ${EVENTS.toLocaleString('en-US')} mixed events (Cowrie, Suricata, Zeek, agent), batches of ${BATCH}, concurrency ${CONCURRENCY}`,
    );
    const serviceStream = bySource(mixedStream(EVENTS, Date.UTC(2026, 10, 23, 0, 0, 0)));

    let started = performance.now();
    const parsed = serviceStream.map(([source, records]) => parseBatch(source, records, { receivedAt: new Date() }));
    const parseSeconds = (performance.now() - started) / 1000;
    out(`  parse only (engines/telemetry):        ${rate(EVENTS, parseSeconds)}`);

    const jobs = serviceStream.flatMap(([source, records]) => chunk(records, BATCH).map((records) => ({ source, records })));
    started = performance.now();
    const latencies = await runConcurrently(jobs, CONCURRENCY, async (job) => {
      await ingestRecords(env.ctx, { channel: 'events', source: job.source, records: job.records });
    });
    const serviceSeconds = (performance.now() - started) / 1000;
    out(
      `  ingest service (parse + insert):       ${rate(EVENTS, serviceSeconds)}  (batch p50 ${percentile(latencies, 50).toFixed(0)} ms, p99 ${percentile(latencies, 99).toFixed(0)} ms)`,
    );

    const app = await buildHttpApp(env.deps);
    const baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });
    const posts = buildPosts(mixedStream(EVENTS, Date.UTC(2026, 10, 22, 0, 0, 0)), BATCH, env.apiKey);
    const http = await postAll(baseUrl, posts, CONCURRENCY);
    await app.close();
    out(
      `  end to end over HTTP (${posts.length} posts):     ${rate(http.events, http.seconds)}  (batch p50 ${http.p50.toFixed(0)} ms, p99 ${http.p99.toFixed(0)} ms, stored ${http.stored})`,
    );
    for (const failure of http.failures.slice(0, 5)) out(`    failed: ${failure}`);

    started = performance.now();
    let scanned = 0;
    let detections = 0;
    for (let run = await runDetectionOnce(env.deps, env.orgId, 0); run.processed > 0; run = await runDetectionOnce(env.deps, env.orgId, 0)) {
      scanned += run.processed;
      detections += run.detections;
    }
    const detectionSeconds = (performance.now() - started) / 1000;
    out(`  detection over the stored events:      ${rate(scanned, detectionSeconds)} scanned (${detections} detections)`);

    const rows = parsed.flatMap((result) => result.events.map((event) => toEventRow(event, { channel: 'events' })));
    const copySeconds = await copyIntoScratchTable(env.deps.pool, env.orgId, chunk(rows, BATCH));
    out(`  raw COPY of the same rows (baseline):  ${rate(rows.length, copySeconds)}`);
    out(`  ratio ingest service / raw COPY:       ${(copySeconds / serviceSeconds).toFixed(2)}`);
    out(`  ratio HTTP end to end / raw COPY:      ${(copySeconds / http.seconds).toFixed(2)}`);
    out(`  RSS: ${Math.round(process.memoryUsage().rss / 1024 / 1024)} MiB`);
  } finally {
    await env.close();
  }
}

await main();
