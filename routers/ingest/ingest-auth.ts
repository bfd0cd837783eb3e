import type { Permission } from '../../core/permissions.ts';
import { resolveIngestCaller, type SignedRequest } from '../../services/ingest/index.ts';
import type { Context } from '../context.ts';
import { credentialsFrom } from '../procedures.ts';
import type { Meta } from '../trpc.ts';
import { middleware, publicProcedure } from '../trpc.ts';

/**
 * The signed request: the documented REST path and method, and the raw body. The host refuses device headers on
 * the tRPC transport and alongside a query string (server/http/body.ts), so the body is all the input there is.
 */
function signedRequest(ctx: Context, meta: Meta | undefined): SignedRequest {
  return { headers: ctx.request.headers, method: meta?.openapi?.method ?? 'POST', path: meta?.openapi?.path ?? '', rawBody: ctx.request.rawBody };
}

/** A procedure a signing device or a user/API key holding `permission` may call; the check runs before the body is validated. */
export function deviceOrOrgProcedure(permission: Permission) {
  return publicProcedure.use(
    middleware(async ({ ctx, next, meta }) => {
      const caller = await resolveIngestCaller(ctx.service, signedRequest(ctx, meta), credentialsFrom(ctx.request.headers), permission);
      return next({ ctx: { ...ctx, caller } });
    }),
  );
}
