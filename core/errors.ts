import type { TRPC_ERROR_CODE_KEY } from '@trpc/server';

/** The closed set of error codes a Vigil API call can fail with. */
export const ERROR_CODES = [
  'VALIDATION_FAILED',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'PRECONDITION_FAILED',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'RATE_LIMITED',
  'QUERY_TIMEOUT',
  'NOT_IMPLEMENTED',
  'UPSTREAM_UNAVAILABLE',
  'SERVICE_UNAVAILABLE',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** The one place where an error code becomes a tRPC code (and through it, an HTTP status). */
export const ERROR_CODE_TO_TRPC = {
  VALIDATION_FAILED: 'BAD_REQUEST',
  UNAUTHENTICATED: 'UNAUTHORIZED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  PRECONDITION_FAILED: 'PRECONDITION_FAILED',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  UNSUPPORTED_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  RATE_LIMITED: 'TOO_MANY_REQUESTS',
  QUERY_TIMEOUT: 'TIMEOUT',
  NOT_IMPLEMENTED: 'NOT_IMPLEMENTED',
  UPSTREAM_UNAVAILABLE: 'BAD_GATEWAY',
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  INTERNAL: 'INTERNAL_SERVER_ERROR',
} as const satisfies Record<ErrorCode, TRPC_ERROR_CODE_KEY>;

export const ERROR_CODE_TO_STATUS = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PRECONDITION_FAILED: 412,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  QUERY_TIMEOUT: 408,
  NOT_IMPLEMENTED: 501,
  UPSTREAM_UNAVAILABLE: 502,
  SERVICE_UNAVAILABLE: 503,
  INTERNAL: 500,
} as const satisfies Record<ErrorCode, number>;

const TRPC_TO_ERROR_CODE: Partial<Record<TRPC_ERROR_CODE_KEY, ErrorCode>> = {
  PARSE_ERROR: 'VALIDATION_FAILED',
  BAD_REQUEST: 'VALIDATION_FAILED',
  UNPROCESSABLE_CONTENT: 'VALIDATION_FAILED',
  METHOD_NOT_SUPPORTED: 'NOT_FOUND',
  TIMEOUT: 'QUERY_TIMEOUT',
  GATEWAY_TIMEOUT: 'UPSTREAM_UNAVAILABLE',
  TOO_MANY_REQUESTS: 'RATE_LIMITED',
  UNAUTHORIZED: 'UNAUTHENTICATED',
  INTERNAL_SERVER_ERROR: 'INTERNAL',
  ...Object.fromEntries(Object.entries(ERROR_CODE_TO_TRPC).map(([app, trpc]) => [trpc, app])),
};

export function errorCodeFromTrpc(code: TRPC_ERROR_CODE_KEY): ErrorCode {
  return TRPC_TO_ERROR_CODE[code] ?? 'INTERNAL';
}

export type FieldIssue = { path: string; message: string };

export type AppErrorOptions = {
  issues?: readonly FieldIssue[];
  details?: Readonly<Record<string, unknown>>;
  /**
   * Fields the caller is meant to read, added to the REST error body and the tRPC error data beside `detail` (EventSec's
   * KQL route answers `error_type` this way). `details` stays server-side; these are public.
   */
  body?: Readonly<Record<string, unknown>>;
  /** Seconds a rate-limited caller should wait; becomes Retry-After. */
  retryAfterSeconds?: number;
  cause?: unknown;
};

/** A failure the caller can act on. Services throw it; the transport maps it. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly issues: readonly FieldIssue[] | undefined;
  readonly details: Readonly<Record<string, unknown>> | undefined;
  readonly body: Readonly<Record<string, unknown>> | undefined;
  readonly retryAfterSeconds: number | undefined;

  constructor(code: ErrorCode, message: string, options: AppErrorOptions = {}) {
    super(message, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.issues = options.issues;
    this.details = options.details;
    this.body = options.body;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
