import { compileKqlForBench, runKqlQuery } from '../../services/search/index.ts';
import { BENCH_HUNTS } from './kql-hunts.ts';
import { seedHuntingAlerts, seedHuntingEvents } from './kql-seed.ts';
import { createBenchEnvironment } from './setup.ts';
import { percentile } from './stats.ts';

const argument = (name: string, fallback: number) => {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
};
const EVENTS = argument('events', 1_000_000);
const ROUNDS = argument('rounds', 15);
const COMPILES = argument('compiles', 2000);

const median = (values: number[]) =>
  percentile(
    [...values].sort((a, b) => a - b),
    50,
  );

/**
 * `npm run bench:kql`: each typical hunt through the KQL service (parse, check, compile, run, shape the rows) against
 * the hand-written SQL for the same answer, alternating in the same process over the same stored events; then the
 * compile time per query alone.
 */
async function main(): Promise<void> {
  const env = await createBenchEnvironment();
  const out = (line: string) => process.stdout.write(`${line}\n`);
  try {
    const now = new Date();
    const start = new Date(now.getTime() - 24 * 3_600_000);
    const end = new Date(now.getTime() + 1000);
    let started = performance.now();
    await seedHuntingEvents(env.deps, env.orgId, EVENTS, now);
    await seedHuntingAlerts(env.deps, env.orgId, now);
    out(
      `Vigil KQL benchmark: ${EVENTS.toLocaleString('en-US')} stored events (seeded in ${((performance.now() - started) / 1000).toFixed(1)} s), ${ROUNDS} rounds per hunt, median latency`,
    );
    for (const hunt of BENCH_HUNTS) {
      const kqlTimes: number[] = [];
      const sqlTimes: number[] = [];
      let kqlRows = 0;
      let sqlRows = 0;
      for (let round = 0; round < ROUNDS + 1; round++) {
        started = performance.now();
        const result = await runKqlQuery(env.ctx, { query: hunt.kql, limit: 500, startTime: start, endTime: end, audit: false });
        const kqlMs = performance.now() - started;
        started = performance.now();
        const rows = await env.deps.pool.query(hunt.sql, [env.orgId, start, end]);
        const sqlMs = performance.now() - started;
        // round 0 warms caches and plans for both sides
        if (round === 0) continue;
        kqlTimes.push(kqlMs);
        sqlTimes.push(sqlMs);
        kqlRows = result.total;
        sqlRows = rows.rowCount ?? 0;
      }
      const ratio = median(kqlTimes) / median(sqlTimes);
      out(
        `  ${hunt.name.padEnd(38)} KQL ${median(kqlTimes).toFixed(1).padStart(7)} ms  SQL ${median(sqlTimes).toFixed(1).padStart(7)} ms  ratio ${ratio.toFixed(2)}  rows ${kqlRows}/${sqlRows}${kqlRows === sqlRows ? '' : '  ROW COUNTS DIFFER'}`,
      );
    }
    for (const hunt of BENCH_HUNTS) {
      started = performance.now();
      for (let index = 0; index < COMPILES; index++) compileKqlForBench(hunt.kql, { start, end });
      const micro = ((performance.now() - started) * 1000) / COMPILES;
      out(`  compile (parse + check + SQL) ${hunt.name.padEnd(38)} ${micro.toFixed(0)} µs/query`);
    }
  } finally {
    await env.close();
  }
}

await main();
