import { AppError } from '../../core/errors.ts';

/** The same answer for a missing alert and another organisation's alert. */
export function alertNotFound(alertId: number): AppError {
  return new AppError('NOT_FOUND', `Alert ${alertId} not found`);
}

export function invalidField(field: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', `${field} ${message}`, { issues: [{ path: field, message }] });
}
