import { sql } from 'kysely';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { Database } from '../core/database.ts';

export type Metrics = {
  registry: Registry;
  httpDuration: Histogram<'method' | 'route' | 'status'>;
  jobFailures: Counter<'task'>;
};

/**
 * Prometheus metrics. Labels are bounded: route templates (never raw paths), methods, status codes,
 * task identifiers. Organisation ids never become labels.
 */
export function createMetrics(db: Database): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'vigil_' });
  const httpDuration = new Histogram({
    name: 'vigil_http_request_duration_seconds',
    help: 'HTTP request duration by route template',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const jobFailures = new Counter({
    name: 'vigil_job_failures_total',
    help: 'Job attempts that failed, by task',
    labelNames: ['task'] as const,
    registers: [registry],
  });
  new Gauge({
    name: 'vigil_jobs',
    help: 'Jobs in the queue by state',
    labelNames: ['state'] as const,
    registers: [registry],
    async collect() {
      const counts = await countJobsByState(db).catch(() => null);
      if (!counts) return;
      for (const [state, count] of Object.entries(counts)) this.set({ state }, count);
    },
  });
  new Gauge({
    name: 'vigil_detector_errors',
    help: 'Detector runs that failed, summed over organisations, by detector',
    labelNames: ['detector'] as const,
    registers: [registry],
    async collect() {
      const rows = await sumDetectorErrors(db).catch(() => null);
      if (!rows) return;
      this.reset();
      for (const row of rows) this.set({ detector: row.detector }, row.errors);
    },
  });
  return { registry, httpDuration, jobFailures };
}

async function sumDetectorErrors(db: Database): Promise<{ detector: string; errors: number }[]> {
  const result = await sql<{ detector: string; errors: number }>`select detector, sum(errors)::int as errors from detector_health group by detector`.execute(
    db,
  );
  return result.rows;
}

type JobCounts = { queued: number; scheduled: number; running: number; failed: number };

async function countJobsByState(db: Database): Promise<JobCounts> {
  const result = await sql<JobCounts>`
    select
      count(*) filter (where locked_at is null and attempts < max_attempts and run_at <= now())::int as queued,
      count(*) filter (where locked_at is null and attempts < max_attempts and run_at > now())::int as scheduled,
      count(*) filter (where locked_at is not null)::int as running,
      count(*) filter (where attempts >= max_attempts)::int as failed
    from graphile_worker.jobs`.execute(db);
  return result.rows[0] ?? { queued: 0, scheduled: 0, running: 0, failed: 0 };
}
