import type { JobHelpers, Task } from 'graphile-worker';
import type { z } from 'zod';
import type { ServiceDeps } from '../core/context.ts';
import type { Logger } from '../core/logger.ts';
import type { TaskContract } from './contracts.ts';

export type TaskRunContext = { deps: ServiceDeps; logger: Logger; helpers: JobHelpers };

export type TaskDefinition<Identifier extends string, Schema extends z.ZodType> = TaskContract<Identifier, Schema> & {
  run(payload: z.output<Schema>, context: TaskRunContext): Promise<void>;
};

export function defineTask<Identifier extends string, Schema extends z.ZodType>(
  contract: TaskContract<Identifier, Schema>,
  run: (payload: z.output<Schema>, context: TaskRunContext) => Promise<void>,
): TaskDefinition<Identifier, Schema> {
  return { ...contract, run };
}

/**
 * Wraps a task for graphile-worker: a payload that does not parse is logged and the job completes,
 * because retrying can never fix it. Failures inside `run` propagate, so the job is retried.
 */
export function toGraphileTask(definition: TaskDefinition<string, z.ZodType>, deps: ServiceDeps, rootLogger: Logger): Task {
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
