import { AppError } from '../../core/errors.ts';

/** The same answer for a missing trigger and another organisation's. */
export function triggerNotFound(triggerId: number): AppError {
  return new AppError('NOT_FOUND', `Trigger ${triggerId} not found`);
}

export function invalidTrigger(issues: readonly { path: string; message: string }[]): AppError {
  return new AppError('VALIDATION_FAILED', issues.map((issue) => `${issue.path}: ${issue.message}`).join('; '), { issues: [...issues] });
}

export function duplicateTriggerName(name: string): AppError {
  return new AppError('CONFLICT', `name: a trigger named '${name}' already exists`, { issues: [{ path: 'name', message: 'already exists' }] });
}

export function archivedTrigger(triggerId: number): AppError {
  return new AppError('CONFLICT', `Trigger ${triggerId} is archived; resume it (POST /api/triggers/bulk/resume) before enabling it`);
}
