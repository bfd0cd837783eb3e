import type { FastifyRequest } from 'fastify';
import { type CallTrace, type Context, createContextInner } from '../../routers/context.ts';
import type { Deps } from '../deps.ts';

declare module 'fastify' {
  interface FastifyRequest {
    vigilTrace?: CallTrace;
  }
}

/** The same context for /trpc and the REST paths, built from the Fastify request. */
export function contextFromRequest(deps: Deps, request: FastifyRequest): Context {
  const trace: CallTrace = { route: undefined, procedure: undefined };
  request.vigilTrace = trace;
  return createContextInner({
    deps,
    requestId: request.id,
    request: { ip: request.ip, headers: request.headers, rawBody: request.rawBody },
    trace,
  });
}

export function responseMeta({ ctx, errors }: { ctx?: Context | undefined; errors: readonly unknown[] }) {
  return {
    ...(errors.length === 0 && ctx?.response.status ? { status: ctx.response.status } : {}),
    headers: ctx?.response.headers ?? {},
  };
}
