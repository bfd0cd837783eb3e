import { promises as dns, type LookupAddress } from 'node:dns';
import http, { type IncomingHttpHeaders } from 'node:http';
import https from 'node:https';
import { isIpLiteral } from './address.ts';
import { allowlistNamesHost, judgeAddress, type OutboundAllowlist } from './allowlist.ts';

/** Why an outbound request was refused or failed; every failure is one of these, never a thrown error. */
export const OUTBOUND_FAILURES = [
  'invalid_url',
  'scheme_not_allowed',
  'blocked_address',
  'dns_failed',
  'connect_failed',
  'tls_failed',
  'timeout',
  'response_too_large',
  'request_failed',
] as const;
export type OutboundFailureReason = (typeof OUTBOUND_FAILURES)[number];

export type OutboundResponse = {
  ok: true;
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  durationMs: number;
  /** The address actually connected to. */
  address: string | null;
};

export type OutboundFailure = {
  ok: false;
  reason: OutboundFailureReason;
  message: string;
  durationMs: number;
  /** Set when the failure came after the status line (response_too_large). */
  status?: number;
};

export type OutboundResult = OutboundResponse | OutboundFailure;

/** Resolves a host name to every address it has (tests substitute their own). */
export type Resolver = (hostname: string) => Promise<LookupAddress[]>;

export type OutboundRequest = {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  headers?: Readonly<Record<string, string>>;
  body?: Buffer | string;
  /** Whole exchange: resolution, connection, request and response. */
  timeoutMs?: number;
  maxResponseBytes?: number;
};

export type OutboundPolicy = { allowlist: OutboundAllowlist; resolve?: Resolver };

export const DEFAULT_OUTBOUND_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_RESPONSE_BYTES = 1024 * 1024;

/** Names that always mean this machine or a cloud metadata service, refused before any look-up. */
const RESERVED_NAMES = ['localhost', 'metadata.google.internal'];

const defaultResolve: Resolver = (hostname) => dns.lookup(hostname, { all: true, verbatim: true });

const REFUSED = Symbol('vigil.outbound.refused');

type RefusalError = Error & { [REFUSED]: OutboundFailureReason };

function refusalError(reason: OutboundFailureReason, message: string): RefusalError {
  return Object.assign(new Error(message), { [REFUSED]: reason, code: 'ERR_VIGIL_OUTBOUND_REFUSED' });
}

export type DestinationCheck = { ok: true; url: URL; host: string } | { ok: false; reason: OutboundFailureReason; message: string };

/**
 * What can be judged without resolving: http(s) only, no credentials in the URL, and a literal address or reserved name
 * (localhost, the metadata service) only when allow-listed. Names are judged again on every address they resolve to.
 */
export function checkDestination(rawUrl: string, allowlist: OutboundAllowlist): DestinationCheck {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return { ok: false, reason: 'invalid_url', message: 'not a valid absolute URL' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return { ok: false, reason: 'scheme_not_allowed', message: `scheme ${url.protocol} is not allowed (http or https only)` };
  if (url.username !== '' || url.password !== '') return { ok: false, reason: 'invalid_url', message: 'credentials in the URL are not allowed' };
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === '') return { ok: false, reason: 'invalid_url', message: 'the URL has no host' };
  if (isIpLiteral(host)) {
    const verdict = judgeAddress(allowlist, host, host);
    if (!verdict.allowed) return { ok: false, reason: 'blocked_address', message: `${host} is a ${verdict.addressClass} address (not in OUTBOUND_ALLOWLIST)` };
  } else if (RESERVED_NAMES.some((name) => host === name || host.endsWith(`.${name}`)) && !allowlistNamesHost(allowlist, host)) {
    return { ok: false, reason: 'blocked_address', message: `${host} names a local or metadata service (not in OUTBOUND_ALLOWLIST)` };
  }
  return { ok: true, url, host };
}

/**
 * One HTTP(S) request to a caller-supplied URL, guarded against SSRF: the destination is checked before anything is
 * sent, and every address a name resolves to is checked at connect time, in the socket's own look-up (so the address
 * judged is the address connected to: DNS rebinding cannot slip a private address in between). Redirects are never
 * followed (a 3xx is returned as it is), the exchange has a deadline and the response body a size cap.
 */
export function sendOutbound(rawUrl: string, request: OutboundRequest, policy: OutboundPolicy): Promise<OutboundResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const destination = checkDestination(rawUrl, policy.allowlist);
  if (!destination.ok) return Promise.resolve({ ok: false, reason: destination.reason, message: destination.message, durationMs: elapsed() });
  const { url, host } = destination;
  const timeoutMs = request.timeoutMs ?? DEFAULT_OUTBOUND_TIMEOUT_MS;
  const maxBytes = request.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const body = request.body === undefined ? undefined : Buffer.isBuffer(request.body) ? request.body : Buffer.from(request.body, 'utf8');
  const transport = url.protocol === 'https:' ? https : http;

  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: OutboundResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const fail = (reason: OutboundFailureReason, message: string, status?: number) =>
      finish({ ok: false, reason, message, durationMs: elapsed(), ...(status === undefined ? {} : { status }) });

    const req = transport.request(
      {
        protocol: url.protocol,
        hostname: host,
        port: url.port === '' ? undefined : Number(url.port),
        path: `${url.pathname}${url.search}`,
        method: request.method ?? 'GET',
        headers: { ...request.headers, ...(body ? { 'content-length': String(body.length) } : {}) },
        agent: false,
        lookup: guardedLookup(policy) as never,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxBytes) {
            fail('response_too_large', `the response exceeded ${maxBytes} bytes`, res.statusCode);
            req.destroy();
            return;
          }
          chunks.push(chunk);
        });
        res.on('end', () =>
          finish({
            ok: true,
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks),
            durationMs: elapsed(),
            address: res.socket?.remoteAddress ?? null,
          }),
        );
        res.on('error', (error) => fail(...describeError(error)));
      },
    );
    const timer = setTimeout(() => {
      fail('timeout', `no complete answer within ${timeoutMs} ms`);
      req.destroy();
    }, timeoutMs);
    req.on('error', (error) => fail(...describeError(error)));
    req.end(body);
  });
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** The socket's look-up: resolves, and refuses the connection when any address is not allowed. */
function guardedLookup(policy: OutboundPolicy) {
  const resolve = policy.resolve ?? defaultResolve;
  return (hostname: string, options: { all?: boolean; family?: number | string }, callback: LookupCallback): void => {
    resolve(hostname).then(
      (addresses) => {
        const wanted = familyOf(options.family);
        const usable = wanted === 0 ? addresses : addresses.filter((entry) => entry.family === wanted);
        if (usable.length === 0) {
          callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), '', 0);
          return;
        }
        for (const entry of addresses) {
          const verdict = judgeAddress(policy.allowlist, hostname, entry.address);
          if (!verdict.allowed) {
            callback(
              refusalError('blocked_address', `${hostname} resolves to ${entry.address}, a ${verdict.addressClass} address (not in OUTBOUND_ALLOWLIST)`),
              '',
              0,
            );
            return;
          }
        }
        const [first] = usable;
        if (options.all) callback(null, usable);
        else callback(null, first?.address ?? '', first?.family ?? 4);
      },
      (error: NodeJS.ErrnoException) => callback(error, '', 0),
    );
  };
}

function familyOf(family: number | string | undefined): number {
  if (family === 4 || family === 'IPv4') return 4;
  if (family === 6 || family === 'IPv6') return 6;
  return 0;
}

function describeError(error: Error & { code?: string; [REFUSED]?: OutboundFailureReason }): [OutboundFailureReason, string] {
  const refused = error[REFUSED];
  if (refused) return [refused, error.message];
  const code = error.code ?? '';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_FAIL' || code === 'EAI_NODATA')
    return ['dns_failed', `could not resolve the host (${code})`];
  if (['ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'EPIPE', 'ECONNABORTED'].includes(code))
    return ['connect_failed', `connection failed (${code})`];
  if (code.startsWith('ERR_TLS') || code.startsWith('ERR_SSL') || /CERT|SELF_SIGNED|UNABLE_TO_VERIFY/.test(code)) return ['tls_failed', `TLS failed (${code})`];
  return ['request_failed', code ? `request failed (${code})` : 'request failed'];
}
