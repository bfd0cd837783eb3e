import { sql } from 'kysely';
import type { z } from 'zod';
import type { Executor } from '../core/database.ts';
import type { TaskContract } from './contracts.ts';

export type EnqueueOptions = {
  runAt?: Date;
  /** Replaces a pending job with the same key (debounce/dedupe). */
  jobKey?: string;
  maxAttempts?: number;
  priority?: number;
  /** With a job key: 'replace' (default) re-times the pending job; 'preserve_run_at' keeps its time, so a stream of triggers cannot postpone it forever. */
  jobKeyMode?: 'replace' | 'preserve_run_at';
  /**
   * With a job key: write nothing when a job with that key is already waiting (not locked by a
   * worker). Concurrent writers then never queue on the same job row; the caller needs its own
   * catch-up for the job that starts just before it commits. Returns null when nothing was added.
   */
  onlyIfNonePending?: boolean;
};

/**
 * Adds a job through the caller's executor: inside a transaction, the job commits or rolls back with
 * the write that caused it.
 */
export async function enqueue<Schema extends z.ZodType>(
  executor: Executor,
  task: TaskContract<string, Schema>,
  payload: z.input<Schema>,
  options: EnqueueOptions = {},
): Promise<string | null> {
  const checked = task.payloadSchema.parse(payload);
  const jobKey = options.jobKey ?? null;
  if (options.onlyIfNonePending && jobKey === null) throw new Error('enqueue: onlyIfNonePending needs a jobKey');
  const result = await sql<{ id: string }>`
    select (graphile_worker.add_job(
      identifier => ${task.identifier},
      payload => ${JSON.stringify(checked)}::json,
      run_at => ${options.runAt ?? null}::timestamptz,
      job_key => ${jobKey},
      max_attempts => ${options.maxAttempts ?? null}::int,
      priority => ${options.priority ?? null}::int,
      job_key_mode => ${options.jobKeyMode ?? 'replace'}
    )).id::text as id
    where not ${options.onlyIfNonePending ?? false}
       or not exists (select 1 from graphile_worker.jobs where key = ${jobKey} and locked_at is null)`.execute(executor);
  const id = result.rows[0]?.id;
  if (id) return id;
  if (options.onlyIfNonePending) return null;
  throw new Error(`graphile_worker.add_job returned no job for ${task.identifier}`);
}
