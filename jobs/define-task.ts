import type { JobHelpers, Task } from 'graphile-worker';
import type { z } from 'zod';
import type { Logger } from '../server/logger.ts';
import type { WorkerDeps } from './deps.ts';

export type TaskRunContext = { deps: WorkerDeps; logger: Logger; helpers: JobHelpers };

export type TaskDefinition<Identifier extends string, Schema extends z.ZodType> = {
  identifier: Identifier;
  /** Every payload carries a version `v`, so old jobs in the queue stay readable after a change. */
  payloadSchema: Schema;
  run: (payload: z.output<Schema>, context: TaskRunContext) => Promise<void>;
};

export function defineTask<Identifier extends string, Schema extends z.ZodType>(
  definition: TaskDefinition<Identifier, Schema>,
): TaskDefinition<Identifier, Schema> {
  return definition;
}

/**
 * Wraps a task for graphile-worker: a payload that does not parse is logged and the job completes,
 * because retrying can never fix it. Failures inside `run` propagate, so the job is retried.
 */
export function toGraphileTask(definition: TaskDefinition<string, z.ZodType>, deps: WorkerDeps, rootLogger: Logger): Task {
  return async (payload, helpers) => {
    const logger = rootLogger.child({ jobId: helpers.job.id, task: definition.identifier, attempt: helpers.job.attempts });
    const parsed = definition.payloadSchema.safeParse(payload);
    if (!parsed.success) {
      logger.error(
        { issues: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`) },
        'job payload rejected; completing without running',
      );
      return;
    }
    await definition.run(parsed.data, { deps, logger, helpers });
  };
}
