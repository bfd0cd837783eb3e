import { AppError, type FieldIssue } from '../../../core/errors.ts';

/** The same answer for a missing hunt and another organisation's. */
export function huntNotFound(huntId: number): AppError {
  return new AppError('NOT_FOUND', `Hunt ${huntId} not found`);
}

export function invalidHunt(issues: readonly FieldIssue[]): AppError {
  return new AppError('VALIDATION_FAILED', issues.map((issue) => `${issue.path}: ${issue.message}`).join('; '), { issues: [...issues] });
}

export function duplicateHuntName(name: string): AppError {
  return new AppError('CONFLICT', `name: a hunt named '${name}' already exists`, { issues: [{ path: 'name', message: 'already exists' }] });
}
