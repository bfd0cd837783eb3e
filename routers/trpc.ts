import { initTRPC, TRPCError } from '@trpc/server';
import type { OpenApiMeta } from 'trpc-to-openapi';
import { ZodError } from 'zod';
import { AppError, ERROR_CODE_TO_TRPC, type ErrorCode, errorCodeFromTrpc, type FieldIssue, isAppError } from '../core/errors.ts';
import { translatePgError } from '../core/pg-errors.ts';
import type { Context } from './context.ts';
import { rejectNul } from './nul-guard.ts';

export type Meta = OpenApiMeta & {
  /** Event records stored as evidence: the telemetry parsers make NUL storable, so it is not refused here. */
  acceptsRecordsWithNul?: boolean;
  /** 'none' marks a procedure that touches no tenant data (health, login); everything else is org-scoped. */
  tenancy?: 'none' | 'org';
  /** Reachable by a user who still has to replace a one-time password. */
  allowPendingPasswordChange?: boolean;
};

export type ErrorData = {
  code: string;
  httpStatus: number;
  appCode: ErrorCode;
  requestId: string | undefined;
  path: string | undefined;
  issues?: FieldIssue[];
  /** AppError `body`: public fields for the REST error body. */
  body?: Record<string, unknown>;
};

const t = initTRPC
  .context<Context>()
  .meta<Meta>()
  .create({
    errorFormatter({ shape, error, ctx, path }) {
      const cause = error.cause;
      const appCode = isAppError(cause) ? cause.code : errorCodeFromTrpc(error.code);
      const issues = cause instanceof ZodError ? zodIssues(cause) : isAppError(cause) ? cause.issues : undefined;
      const data: ErrorData = {
        code: shape.data.code,
        httpStatus: shape.data.httpStatus,
        appCode,
        requestId: ctx?.requestId,
        path,
        ...(issues ? { issues: [...issues] } : {}),
        ...(isAppError(cause) && cause.body ? { body: { ...cause.body } } : {}),
      };
      const message = appCode === 'INTERNAL' ? 'Internal server error' : cause instanceof ZodError ? 'Input validation failed' : error.message;
      return { message, code: shape.code, data };
    },
  });

export function zodIssues(error: ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.') || '(body)', message: issue.message }));
}

/**
 * The one place domain errors become tRPC errors: AppErrors and PostgreSQL constraint failures map
 * to their code (and so to the same HTTP status over tRPC and REST); anything else is logged as a 500.
 */
const errorMapping = t.middleware(async ({ ctx, next, path, meta }) => {
  ctx.trace.procedure = path;
  ctx.trace.route = meta?.openapi?.path ?? `trpc:${path}`;
  const result = await next();
  if (result.ok) return result;
  const cause = translatePgError(result.error.cause);
  if (isAppError(cause)) {
    if (cause.retryAfterSeconds !== undefined) ctx.response.headers['retry-after'] = String(Math.ceil(cause.retryAfterSeconds));
    throw new TRPCError({ code: ERROR_CODE_TO_TRPC[cause.code], message: cause.message, cause });
  }
  if (result.error.code === 'INTERNAL_SERVER_ERROR') {
    ctx.logger.error({ err: result.error.cause ?? result.error, procedure: path }, 'procedure failed');
  }
  return result;
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const middleware = t.middleware;

const nulGuard = t.middleware(async ({ meta, getRawInput, next }) => {
  if (!meta?.acceptsRecordsWithNul) rejectNul(await getRawInput());
  return next();
});

/** Base for every procedure: error mapping, route tracing, and NUL refused in API inputs. */
export const publicProcedure = t.procedure.use(errorMapping).use(nulGuard);

export { AppError };
