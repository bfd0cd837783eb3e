import cors from '@fastify/cors';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { fastifyTRPCPlugin } from '@trpc/server/adapters/fastify';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { fastifyTRPCOpenApiPlugin, type OpenApiRouter } from 'trpc-to-openapi';
import { appRouter } from '../../routers/index.ts';
import type { Deps } from '../deps.ts';
import { buildOpenApiDocument } from '../openapi.ts';
import { registerBodyHandling, registerQueryMerge } from './body.ts';
import { contextFromRequest, responseMeta } from './context.ts';
import { restErrorFromAdapterBody, restErrorFromHostError } from './error-body.ts';
import { requestIdFor } from './request-id.ts';

export const TRPC_PREFIX = '/trpc';

/** The HTTP host: tRPC at /trpc, the documented REST paths from the same procedures, docs and metrics. */
export async function buildHttpApp(deps: Deps, router: OpenApiRouter = appRouter): Promise<FastifyInstance> {
  const { config, logger, metrics } = deps;
  const app = Fastify({
    bodyLimit: config.BODY_LIMIT_BYTES,
    trustProxy: config.TRUST_PROXY,
    genReqId: requestIdFor,
    requestIdHeader: false,
    logger: false,
    forceCloseConnections: 'idle',
  });
  // Before any plugin: Fastify copies the error handler into each plugin context as it registers.
  app.setErrorHandler((error, request, reply) => {
    const { status, body } = restErrorFromHostError(error, request.id);
    if (status >= 500) logger.error({ err: error, requestId: request.id }, 'request failed');
    return reply.status(status).send(body);
  });
  registerBodyHandling(app, config.BODY_LIMIT_BYTES, logger);
  registerQueryMerge(app, TRPC_PREFIX);
  registerObservability(app, deps);

  const origins = config.CORS_ORIGINS.split(',')
    .map((origin) => origin.trim())
    .filter(Boolean);
  if (origins.length > 0)
    await app.register(cors, {
      origin: origins,
      credentials: true,
      methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
      exposedHeaders: ['x-total-count', 'x-request-id', 'retry-after'],
    });

  await app.register(fastifyTRPCPlugin, {
    prefix: TRPC_PREFIX,
    trpcOptions: {
      router,
      createContext: ({ req }: { req: FastifyRequest }) => contextFromRequest(deps, req),
      responseMeta,
    },
  });

  const document = buildOpenApiDocument(router);
  app.get('/openapi.json', async () => document);
  await app.register(swagger, { mode: 'static', specification: { document: document as never } });
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });
  app.get('/metrics', async (_request, reply) => {
    reply.header('content-type', metrics.registry.contentType);
    return metrics.registry.metrics();
  });

  await app.register(fastifyTRPCOpenApiPlugin, {
    basePath: '/',
    router,
    createContext: ({ req }: { req: unknown }) => contextFromRequest(deps, req as FastifyRequest),
    responseMeta,
    maxBodySize: config.BODY_LIMIT_BYTES,
  } as never);

  return app;
}

function registerObservability(app: FastifyInstance, { logger, metrics }: Deps): void {
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  app.addHook('onSend', async (request, reply, payload) => {
    const route = request.vigilTrace?.route;
    if (route) reply.header('x-vigil-route', route);
    if (reply.statusCode < 400 || typeof payload !== 'string' || request.url.startsWith(TRPC_PREFIX)) return payload;
    return restErrorFromAdapterBody(payload, request.id);
  });
  app.addHook('onResponse', async (request, reply) => {
    const route = request.vigilTrace?.route ?? (request.routeOptions.url === '/*' ? 'unmatched' : (request.routeOptions.url ?? 'unmatched'));
    const durationMs = reply.elapsedTime;
    metrics.httpDuration.observe({ method: request.method, route, status: String(reply.statusCode) }, durationMs / 1000);
    logger.info(
      {
        requestId: request.id,
        method: request.method,
        route,
        procedure: request.vigilTrace?.procedure,
        status: reply.statusCode,
        durationMs: Math.round(durationMs),
      },
      'request finished',
    );
  });
}
