import { Logger as GraphileLogger, type LogLevel } from 'graphile-worker';
import type { Logger } from '../core/logger.ts';

const LEVELS: Record<LogLevel, 'error' | 'warn' | 'info' | 'debug'> = { error: 'error', warning: 'warn', info: 'info', debug: 'debug' };

/** Routes graphile-worker's own log lines into pino, keeping job id and task as fields. */
export function graphileLogger(logger: Logger): GraphileLogger {
  return new GraphileLogger((scope) => {
    const child = logger.child({
      component: 'worker',
      ...(scope.jobId ? { jobId: String(scope.jobId) } : {}),
      ...(scope.taskIdentifier ? { task: scope.taskIdentifier } : {}),
    });
    return (level, message, meta) => {
      child[LEVELS[level]]({ ...(meta?.error instanceof Error ? { err: meta.error } : {}) }, message);
    };
  });
}
