import { run, type TaskList } from 'graphile-worker';
import { type RawBuilder, sql } from 'kysely';
import { graphileLogger } from '../../jobs/log-adapter.ts';
import { buildTaskList } from '../../jobs/registry.ts';
import { createWorkflow } from '../../services/response/index.ts';
import type { BenchEnvironment } from './setup.ts';

/**
 * Runs a graphile-worker pool over the jobs already queued until `remaining` counts none left; returns the
 * seconds it took. Same options for the baseline and for Vigil's tasks.
 */
async function drain(env: BenchEnvironment, taskList: TaskList, concurrency: number, remaining: RawBuilder<{ n: number }>): Promise<number> {
  const started = performance.now();
  const runner = await run({
    pgPool: env.deps.pool,
    taskList,
    concurrency,
    noHandleSignals: true,
    pollInterval: 50,
    logger: graphileLogger(env.deps.logger),
    preset: { worker: { completeJobBatchDelay: 0, failJobBatchDelay: 0 } },
  });
  const deadline = Date.now() + 600_000;
  while (Number((await remaining.execute(env.deps.db)).rows[0]?.n) > 0) {
    if (Date.now() > deadline) throw new Error('bench timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const seconds = (performance.now() - started) / 1000;
  await runner.stop();
  return seconds;
}

/** graphile-worker alone in this process and database: no-op jobs per second at the same concurrency (the baseline). */
export async function noopJobsPerSecond(env: BenchEnvironment, jobs: number, concurrency: number): Promise<number> {
  await sql`select graphile_worker.add_jobs(array(select json_populate_record(null::graphile_worker.job_spec, json_build_object('identifier', 'bench_noop', 'payload', '{}'::json)) from generate_series(1, ${jobs})))`.execute(
    env.deps.db,
  );
  const remaining = sql<{ n: number }>`select count(*)::int as n from graphile_worker.jobs where task_identifier = 'bench_noop'`;
  return jobs / (await drain(env, { bench_noop: async () => {} }, concurrency, remaining));
}

/**
 * Workflow steps per second: `workflows` auto-executed playbooks of `steps` block_ip steps each, every step a
 * graphile-worker job that runs its action at the firewall API and records the outcome, with Vigil's own task list.
 */
export async function workflowStepsPerSecond(env: BenchEnvironment, workflows: number, steps: number, concurrency: number): Promise<number> {
  for (let index = 0; index < workflows; index += 1) {
    await createWorkflow(env.ctx, {
      incidentId: null,
      playbookName: `bench ${index}`,
      steps: Array.from({ length: steps }, (_, step) => ({
        action_type: 'block_ip',
        parameters: { ip: `100.${64 + (index % 60)}.${step}.${index % 250}`, duration_seconds: 3600 },
      })),
      autoExecute: true,
      priority: 'medium',
    });
  }
  const running = sql<{ n: number }>`select count(*)::int as n from response_workflows where org_id = ${env.orgId} and status = 'running'`;
  const seconds = await drain(env, buildTaskList(env.deps, env.deps.logger), concurrency, running);
  const failed = Number(
    (await sql<{ n: number }>`select count(*)::int as n from workflow_steps where org_id = ${env.orgId} and status <> 'completed'`.execute(env.deps.db)).rows[0]
      ?.n,
  );
  if (failed > 0) throw new Error(`${failed} workflow steps did not complete`);
  return (workflows * steps) / seconds;
}
