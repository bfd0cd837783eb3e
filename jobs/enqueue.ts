import { sql } from 'kysely';
import type { z } from 'zod';
import type { Executor } from '../db/scope.ts';
import type { TaskDefinition } from './define-task.ts';

export type EnqueueOptions = {
  runAt?: Date;
  /** Replaces a pending job with the same key (debounce/dedupe). */
  jobKey?: string;
  maxAttempts?: number;
  priority?: number;
  /** With a job key: 'replace' (default) re-times the pending job; 'preserve_run_at' keeps its time, so a stream of triggers cannot postpone it forever. */
  jobKeyMode?: 'replace' | 'preserve_run_at';
};

/**
 * Adds a job through the caller's executor: inside a transaction, the job commits or rolls back with
 * the write that caused it.
 */
export async function enqueue<Schema extends z.ZodType>(
  executor: Executor,
  task: TaskDefinition<string, Schema>,
  payload: z.input<Schema>,
  options: EnqueueOptions = {},
): Promise<string> {
  const checked = task.payloadSchema.parse(payload);
  const result = await sql<{ id: string }>`
    select (graphile_worker.add_job(
      identifier => ${task.identifier},
      payload => ${JSON.stringify(checked)}::json,
      run_at => ${options.runAt ?? null}::timestamptz,
      job_key => ${options.jobKey ?? null},
      max_attempts => ${options.maxAttempts ?? null}::int,
      priority => ${options.priority ?? null}::int,
      job_key_mode => ${options.jobKeyMode ?? 'replace'}
    )).id::text as id`.execute(executor);
  const id = result.rows[0]?.id;
  if (!id) throw new Error(`graphile_worker.add_job returned no job for ${task.identifier}`);
  return id;
}
