import { AppError, ERROR_CODE_TO_STATUS, type ErrorCode, type FieldIssue, isAppError } from '../../core/errors.ts';

/** The error body every REST route returns; `detail` is what the FastAPI clients of both seed platforms read. */
export type RestErrorBody = { detail: string; code: ErrorCode; requestId: string; issues?: FieldIssue[] };

type AdapterErrorBody = { message?: string; data?: { appCode?: ErrorCode; issues?: FieldIssue[]; body?: Record<string, unknown> } };

/** Reshapes the REST adapter's error body (built from our tRPC error shape) into the documented contract. */
export function restErrorFromAdapterBody(payload: string, requestId: string): string {
  let body: AdapterErrorBody;
  try {
    body = JSON.parse(payload) as AdapterErrorBody;
  } catch {
    return payload;
  }
  const appCode = body.data?.appCode;
  if (!appCode) return payload;
  const rest: RestErrorBody = {
    ...body.data?.body,
    detail: body.message ?? 'Request failed',
    code: appCode,
    requestId,
    ...(body.data?.issues ? { issues: body.data.issues } : {}),
  };
  return JSON.stringify(rest);
}

const STATUS_TO_CODE = new Map<number, ErrorCode>(Object.entries(ERROR_CODE_TO_STATUS).map(([code, status]) => [status, code as ErrorCode]));

/** Errors raised by the HTTP host itself (body parsing, limits, media types) in the same contract. */
export function restErrorFromHostError(error: unknown, requestId: string): { status: number; body: RestErrorBody } {
  const appError = toAppError(error);
  const issues = appError.issues ? { issues: [...appError.issues] } : {};
  return {
    status: ERROR_CODE_TO_STATUS[appError.code],
    body: { detail: appError.message, code: appError.code, requestId, ...issues },
  };
}

function toAppError(error: unknown): AppError {
  if (isAppError(error)) return error;
  const status = typeof (error as { statusCode?: unknown })?.statusCode === 'number' ? (error as { statusCode: number }).statusCode : 500;
  const code = STATUS_TO_CODE.get(status) ?? (status >= 400 && status < 500 ? 'VALIDATION_FAILED' : 'INTERNAL');
  const message = code === 'INTERNAL' ? 'Internal server error' : hostMessage(error);
  return new AppError(code, message, { cause: error });
}

function hostMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : 'Request failed';
  return message.replace(/^FST_\w+:\s*/, '');
}
