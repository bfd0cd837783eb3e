import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { runDetectionOnce } from '../../services/detection/index.ts';
import { ingestRecords } from '../../services/ingest/index.ts';
import { enableRulePack, importRules, loadOrgRules } from '../../services/rules/index.ts';
import { mixedStream } from './mixed-stream.ts';
import { filesUnder, SIGMA_ROOT } from './rules-stream.ts';
import { createBenchEnvironment } from './setup.ts';
import { chunk, rate } from './stats.ts';

const RULE_FOLDERS = ['rules', 'rules-emerging-threats', 'rules-threat-hunting', 'rules-compliance'];

type Env = Awaited<ReturnType<typeof createBenchEnvironment>>;

async function detectAll(env: Env): Promise<{ seconds: number; scanned: number; detections: number }> {
  await sql`update detection_cursors set last_event_id = 0 where org_id = ${env.orgId}`.execute(env.deps.db);
  const started = performance.now();
  let scanned = 0;
  let detections = 0;
  for (let run = await runDetectionOnce(env.deps, env.orgId, 0); run.processed > 0; run = await runDetectionOnce(env.deps, env.orgId, 0)) {
    scanned += run.processed;
    detections += run.detections;
  }
  return { seconds: (performance.now() - started) / 1000, scanned, detections };
}

/** Every corpus rule file, imported over the service as a detection engineer would (documents per import call). */
async function importCorpus(env: Env): Promise<{ enabled: number; rejected: number }> {
  const files = RULE_FOLDERS.flatMap((folder) => filesUnder(new URL(`${folder}/`, SIGMA_ROOT), '.yml'));
  let enabled = 0;
  let rejected = 0;
  for (const group of chunk(files, 200)) {
    const content = group.map((path) => readFileSync(path, 'utf8')).join('\n---\n');
    const report = await importRules(env.ctx, { format: 'sigma', content });
    enabled += report.created.filter((item) => item.enabled).length + report.updated.filter((item) => item.enabled).length;
    rejected += report.rejected.length;
  }
  for (const pack of ['vigil-windows-core', 'vigil-linux-core']) enabled += (await enableRulePack(env.ctx, pack)).created.length;
  return { enabled, rejected };
}

/**
 * The continuous detection over the same stored events twice in one database: the built-in detectors alone (the
 * baseline), then with every corpus rule and bundled pack enabled in the organisation.
 */
export async function benchDetectionWithRules(events: number, windowsRecords: readonly unknown[], out: (line: string) => void): Promise<void> {
  const env = await createBenchEnvironment();
  try {
    const stream = mixedStream(events, Date.UTC(2026, 10, 23, 0, 0, 0));
    for (const batch of chunk(stream, 1000)) {
      const bySource = new Map<string, unknown[]>();
      for (const { source, record } of batch) bySource.set(source, [...(bySource.get(source) ?? []), record]);
      for (const [source, records] of bySource) await ingestRecords(env.ctx, { channel: 'events', source: source as never, records });
    }
    for (const batch of chunk([...windowsRecords], 1000)) await ingestRecords(env.ctx, { channel: 'events', source: 'agent', records: batch });
    await detectAll(env); // warm-up: JIT, plans and caches, so both timed passes start alike
    const baseline = await detectAll(env);
    let started = performance.now();
    const imported = await importCorpus(env);
    const importSeconds = (performance.now() - started) / 1000;
    started = performance.now();
    await loadOrgRules(env.deps.db, env.orgId);
    const compileSeconds = (performance.now() - started) / 1000;
    const withRules = await detectAll(env);
    out(`  continuous detection, ${baseline.scanned.toLocaleString('en-US')} stored events (built-in detectors, then with rules):`);
    out(`    built-in detectors only (baseline): ${rate(baseline.scanned, baseline.seconds)}  (${baseline.detections} detections)`);
    out(
      `    with ${imported.enabled} rules enabled:        ${rate(withRules.scanned, withRules.seconds)}  (${withRules.detections} detections; ${imported.rejected} documents rejected on import, imported in ${importSeconds.toFixed(1)} s)`,
    );
    out(
      `    ratio with rules / baseline:        ${(baseline.seconds / withRules.seconds).toFixed(2)}  (the rules' plan compiled once before, in ${compileSeconds.toFixed(1)} s)`,
    );
  } finally {
    await env.close();
  }
}
