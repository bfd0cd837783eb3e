import type { IncomingHttpHeaders } from 'node:http';
import type { ServiceContext, ServiceDeps } from '../core/context.ts';
import type { Logger } from '../core/logger.ts';

export type RequestInfo = {
  ip: string;
  headers: IncomingHttpHeaders;
  /** The bytes as received (after decompression), for signature checks. */
  rawBody: Buffer | undefined;
};

/** Procedures set status, headers and cookies here; both HTTP transports apply it to the reply. */
export type ResponseControl = {
  status: number | undefined;
  headers: Record<string, string | string[]>;
};

/** Filled in as the call is routed, so the access log and metrics can name the route template. */
export type CallTrace = { route: string | undefined; procedure: string | undefined };

export type Context = {
  deps: ServiceDeps;
  requestId: string;
  logger: Logger;
  request: RequestInfo;
  response: ResponseControl;
  trace: CallTrace;
  /** What procedures hand to services; authentication replaces it with the caller's organisation context. */
  service: ServiceContext;
};

export type ContextInput = {
  deps: ServiceDeps;
  requestId: string;
  request?: Partial<RequestInfo>;
  trace?: CallTrace;
};

/** Builds a context without HTTP: used by the transports and by tests through createCaller. */
export function createContextInner({ deps, requestId, request, trace }: ContextInput): Context {
  const logger = deps.logger.child({ requestId });
  const ip = request?.ip ?? '127.0.0.1';
  return {
    deps,
    requestId,
    logger,
    request: { ip, headers: request?.headers ?? {}, rawBody: request?.rawBody },
    response: { status: undefined, headers: {} },
    trace: trace ?? { route: undefined, procedure: undefined },
    service: { deps, logger, requestId, ip },
  };
}

export function setCookie(response: ResponseControl, serialized: string): void {
  appendResponseHeader(response, 'set-cookie', serialized);
}

export function appendResponseHeader(response: ResponseControl, name: string, value: string): void {
  const key = name.toLowerCase();
  const existing = response.headers[key];
  if (existing === undefined) response.headers[key] = value;
  else response.headers[key] = Array.isArray(existing) ? [...existing, value] : [existing, value];
}
