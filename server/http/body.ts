import { Transform } from 'node:stream';
import { createGunzip } from 'node:zlib';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../core/errors.ts';
import type { Logger } from '../../core/logger.ts';
import { hasDeviceHeaders } from '../../services/ingest/index.ts';
import { jsonDepth, MAX_JSON_DEPTH } from './json-depth.ts';
import { splitConcatenatedJson } from './json-stream.ts';

declare module 'fastify' {
  interface FastifyRequest {
    rawBody?: Buffer;
  }
}

const NDJSON_TYPES = ['application/x-ndjson', 'application/ndjson', 'application/jsonl', 'application/x-jsonlines'];

/**
 * Request bodies are normalised before any procedure sees them: gzip is inflated (the body limit
 * applies to the inflated size), the raw bytes are kept for signature checks, a top-level JSON array,
 * NDJSON and concatenated JSON objects (Fluent Bit's json, json_lines and json_stream formats) become
 * `{ events: [...] }`, and the content type is then presented as JSON, because the REST adapter accepts
 * only JSON objects.
 */
export function registerBodyHandling(app: FastifyInstance, bodyLimit: number, logger: Logger): void {
  app.addHook('preParsing', async (request, _reply, payload) => {
    const encoding = String(request.headers['content-encoding'] ?? 'identity').toLowerCase();
    if (encoding === 'identity') return payload;
    if (encoding !== 'gzip' && encoding !== 'x-gzip') {
      throw new AppError('UNSUPPORTED_MEDIA_TYPE', `Content-Encoding '${encoding}' is not supported; send gzip or identity`);
    }
    delete request.headers['content-encoding'];
    // Fastify compares Content-Length with the encoded byte count, which we report as we read.
    const inflated = Object.assign(limitBytes(bodyLimit), { receivedEncodedLength: 0 });
    const countEncoded = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        inflated.receivedEncodedLength += chunk.length;
        callback(null, chunk);
      },
    });
    const gunzip = createGunzip();
    gunzip.on('error', (error) => inflated.destroy(new AppError('VALIDATION_FAILED', `Request body is not valid gzip: ${error.message}`)));
    return payload.pipe(countEncoded).pipe(gunzip).pipe(inflated);
  });

  app.addHook('onRequest', async (request) => {
    if (!request.headers['content-type'] && !hasBody(request)) request.headers['content-type'] = 'application/json';
  });
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    try {
      done(null, parseJsonBody(request, body as Buffer, logger));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
  app.addContentTypeParser(NDJSON_TYPES, { parseAs: 'buffer' }, (request, body, done) => {
    request.rawBody = body as Buffer;
    request.headers['content-type'] = 'application/json';
    const depth = jsonDepth(body as Buffer);
    if (depth > MAX_JSON_DEPTH) done(tooDeep(request, logger, depth), undefined);
    else done(null, { events: parseNdjson((body as Buffer).toString('utf8')) });
  });
}

/** A bodiless POST (e.g. logout) needs no content type; the REST adapter would otherwise answer 415. */
function hasBody(request: FastifyRequest): boolean {
  const length = request.headers['content-length'];
  return request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/**
 * The write routes whose documented contract takes input in the query string (`POST
 * /settings/auto_contain?enabled=`, Mini-XDR's `contain?duration_seconds=` and
 * `schedule_unblock?minutes=`, scripts' `?wait_for_detection=true`, the views' DELETE by range or
 * ids, incidents' `?vocabulary=`, EventSec's alert actions' `?url=`, `?sender=`, `?username=`, `?hostname=`). Anywhere else a query string is not input: a cross-site form could otherwise put a whole body in
 * the URL.
 */
type QueryInputRoute = { method: string; path: RegExp; keys?: readonly string[] };

const QUERY_INPUT_ROUTES: readonly QueryInputRoute[] = [
  { method: 'POST', path: /^\/settings\/auto_contain$/ },
  { method: 'POST', path: /^\/ingest\/(cowrie|multi)$/ },
  { method: 'DELETE', path: /^\/(edr|siem)\/events$/ },
  // Mini-XDR's containment takes its duration and schedule in the query string
  { method: 'POST', path: /^\/(api\/)?incidents\/[^/]+\/contain$/, keys: ['duration_seconds', 'vocabulary'] },
  { method: 'POST', path: /^\/(api\/)?incidents\/[^/]+\/schedule_unblock$/, keys: ['minutes', 'vocabulary'] },
  // EventSec's client sends an alert action's target in the query string
  { method: 'POST', path: /^\/alerts\/[^/]+\/block-url$/, keys: ['url'] },
  { method: 'POST', path: /^\/alerts\/[^/]+\/unblock-url$/, keys: ['url'] },
  { method: 'POST', path: /^\/alerts\/[^/]+\/block-sender$/, keys: ['sender'] },
  { method: 'POST', path: /^\/alerts\/[^/]+\/unblock-sender$/, keys: ['sender'] },
  { method: 'POST', path: /^\/alerts\/[^/]+\/revoke-session$/, keys: ['username'] },
  { method: 'POST', path: /^\/alerts\/[^/]+\/isolate-device$/, keys: ['hostname'] },
  // incident writes answer in the caller's words unless ?vocabulary= says otherwise
  { method: '*', path: /^\/(api\/)?incidents(\/.*)?$/, keys: ['vocabulary'] },
];

/** The query parameters of this request that its route's contract takes as input (none for most routes). */
function queryInputKeys(method: string, url: string, query: Record<string, unknown>): string[] {
  const path = url.split('?')[0]?.replace(/\/+$/, '') ?? '';
  const route = QUERY_INPUT_ROUTES.find((candidate) => (candidate.method === '*' || candidate.method === method) && candidate.path.test(path));
  if (!route) return [];
  return Object.keys(query).filter((key) => route.keys === undefined || route.keys.includes(key));
}

/**
 * Legacy clients pass some write parameters in the query string; the REST adapter reads only the body for
 * writes, so the parameters QUERY_INPUT_ROUTES names are merged in, the body winning.
 * A device-signed request takes all its input from the signed bytes (see refuseUnsignedDeviceInput).
 */
export function registerQueryMerge(app: FastifyInstance, trpcPrefix: string): void {
  app.addHook('onRequest', async (request) => refuseUnsignedDeviceInput(request, trpcPrefix));
  app.addHook('preHandler', async (request) => {
    if (request.method === 'GET' || request.url.startsWith(trpcPrefix) || hasDeviceHeaders(request.headers)) return;
    const query = (request.query ?? {}) as Record<string, unknown>;
    const keys = queryInputKeys(request.method, request.url, query);
    if (keys.length === 0) return;
    const input = Object.fromEntries(keys.map((key) => [key, query[key]]));
    const body = request.body;
    if (body === undefined || body === null) request.body = input;
    else if (typeof body === 'object' && !Array.isArray(body)) request.body = { ...input, ...(body as Record<string, unknown>) };
  });
}

/**
 * X-Signature covers METHOD|path|body|X-TS|X-Nonce: neither the query string nor a tRPC call's input (which
 * the tRPC adapter reads itself, so the kept raw bytes would be empty). A request carrying device headers
 * there is refused before anything is read, rather than acting on input nobody signed.
 */
function refuseUnsignedDeviceInput(request: FastifyRequest, trpcPrefix: string): void {
  if (!hasDeviceHeaders(request.headers)) return;
  if (request.url.startsWith(trpcPrefix)) {
    throw new AppError(
      'VALIDATION_FAILED',
      'Device-signed requests (X-Device-ID, X-TS, X-Nonce, X-Signature) are accepted only on the documented REST paths (e.g. POST /ingest/cowrie), where the signature covers the body; over /trpc use an API key or a bearer token',
    );
  }
  if (request.url.includes('?')) {
    throw new AppError(
      'VALIDATION_FAILED',
      'Query parameters are not covered by X-Signature (it signs METHOD|path|body|X-TS|X-Nonce): send them in the signed JSON body instead',
      { issues: [{ path: '(query)', message: 'not allowed on a device-signed request' }] },
    );
  }
}

function tooDeep(request: FastifyRequest, logger: Logger, depth: number): AppError {
  logger.warn({ requestId: request.id, url: request.routeOptions.url, depth, maxDepth: MAX_JSON_DEPTH }, 'request body nested too deeply; refused');
  return new AppError('VALIDATION_FAILED', `Request body is nested ${depth} levels deep; at most ${MAX_JSON_DEPTH} are accepted`, {
    issues: [{ path: '(body)', message: `nested deeper than ${MAX_JSON_DEPTH} levels` }],
  });
}

function parseJsonBody(request: FastifyRequest, body: Buffer, logger: Logger): unknown {
  request.rawBody = body;
  if (body.length === 0) return undefined;
  const depth = jsonDepth(body);
  if (depth > MAX_JSON_DEPTH) throw tooDeep(request, logger, depth);
  const text = body.toString('utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    // Fluent Bit sends json_stream as application/json
    const stream = splitConcatenatedJson(text);
    if (stream) return { events: stream };
    throw new AppError('VALIDATION_FAILED', `Request body is not valid JSON: ${(error as Error).message}`, {
      issues: [{ path: '(body)', message: 'invalid JSON' }],
    });
  }
  return Array.isArray(parsed) ? { events: parsed } : parsed;
}

/**
 * One record per non-empty line, or several when a line holds concatenated objects (json_stream sent as
 * NDJSON); a line that is neither is kept as its text so it can be rejected by index.
 */
export function parseNdjson(text: string): unknown[] {
  return text
    .split(/\r?\n/)
    .filter((line) => line.trim().length > 0)
    .flatMap((line) => {
      try {
        return [JSON.parse(line) as unknown];
      } catch {
        return splitConcatenatedJson(line) ?? [line];
      }
    });
}

function limitBytes(limit: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.length;
      if (seen > limit) callback(new AppError('PAYLOAD_TOO_LARGE', `Request body exceeds ${limit} bytes once decompressed`));
      else callback(null, chunk);
    },
  });
}
