import { AppError } from './errors.ts';

type PgError = Error & { code: string; constraint?: string; table?: string };

function isPgError(error: unknown): error is PgError {
  const code = (error as { code?: unknown } | null)?.code;
  return error instanceof Error && typeof code === 'string' && code.length === 5;
}

/** Turns the PostgreSQL failures a caller can cause into AppErrors; everything else stays internal. */
export function translatePgError(error: unknown, entity = 'Resource'): unknown {
  if (!isPgError(error)) return error;
  switch (error.code) {
    case '23505':
      return new AppError('CONFLICT', `${entity} already exists`, { cause: error, details: { constraint: error.constraint } });
    case '23503':
      return new AppError('NOT_FOUND', `${entity} refers to something that does not exist`, { cause: error });
    case '22001':
    case '22P02':
    case '23514':
      return new AppError('VALIDATION_FAILED', `${entity} has an invalid value`, { cause: error });
    case '57014':
      return new AppError('QUERY_TIMEOUT', 'The query took too long; narrow the time range or filters', { cause: error });
    default:
      return error;
  }
}
