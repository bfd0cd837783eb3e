import { createHmac } from 'node:crypto';

/**
 * The device request-signing scheme of Mini-XDR (`security.py`), pure, for the server and for clients:
 * lower-case hex HMAC-SHA256, keyed with the device secret as UTF-8, over
 * `METHOD|path|body|X-TS|X-Nonce` (method upper-cased, path without query string, body = the raw bytes
 * after gzip inflation, "" when empty, X-TS = integer Unix seconds exactly as sent).
 */
export type RequestToSign = {
  method: string;
  path: string;
  body?: string | Uint8Array | undefined;
  timestamp: number | string;
  nonce: string;
};

export type DeviceSignatureHeaders = { 'X-Device-ID': string; 'X-TS': string; 'X-Nonce': string; 'X-Signature': string };

export function canonicalRequest(request: RequestToSign): Buffer {
  const path = request.path.split('?')[0] ?? '';
  const body = request.body === undefined ? Buffer.alloc(0) : typeof request.body === 'string' ? Buffer.from(request.body, 'utf8') : Buffer.from(request.body);
  return Buffer.concat([
    Buffer.from(`${request.method.toUpperCase()}|${path}|`, 'utf8'),
    body,
    Buffer.from(`|${String(request.timestamp)}|${request.nonce}`, 'utf8'),
  ]);
}

export function requestSignature(secret: string, request: RequestToSign): string {
  return createHmac('sha256', secret).update(canonicalRequest(request)).digest('hex');
}

/** The four headers a device sends; the caller supplies the time and a fresh nonce (e.g. 16 random bytes as hex). */
export function signRequest(device: { deviceId: string; secret: string }, request: RequestToSign): DeviceSignatureHeaders {
  return {
    'X-Device-ID': device.deviceId,
    'X-TS': String(request.timestamp),
    'X-Nonce': request.nonce,
    'X-Signature': requestSignature(device.secret, request),
  };
}

/**
 * Per-event tamper signatures (`/ingest/multi`): HMAC-SHA256 hex over the event without its top-level
 * `signature` key, serialised as Python's `json.dumps(event, sort_keys=True, separators=(",", ":"))`
 * (keys sorted by code point at every level, no whitespace, non-ASCII escaped as lower-case `\uXXXX`).
 * Numbers are written as ECMAScript writes them, so sign integers or strings (`1.0` would become `1`).
 */
export function canonicalEventJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return asciiJson(value);
  if (Array.isArray(value)) return `[${value.map(canonicalEventJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, item]) => item !== undefined);
  entries.sort(([a], [b]) => compareCodePoints(a, b));
  return `{${entries.map(([key, item]) => `${asciiJson(key)}:${canonicalEventJson(item)}`).join(',')}}`;
}

export function eventSignature(key: string, event: Record<string, unknown>): string {
  const { signature: _signature, ...unsigned } = event;
  return createHmac('sha256', key).update(canonicalEventJson(unsigned), 'utf8').digest('hex');
}

export function signEvent<T extends Record<string, unknown>>(key: string, event: T): T & { signature: string } {
  return { ...event, signature: eventSignature(key, event) };
}

function asciiJson(value: unknown): string {
  const text = JSON.stringify(value) ?? 'null';
  return text.replace(/[\u0080-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function compareCodePoints(a: string, b: string): number {
  const left = Array.from(a);
  const right = Array.from(b);
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const diff = (left[i]?.codePointAt(0) ?? 0) - (right[i]?.codePointAt(0) ?? 0);
    if (diff !== 0) return diff;
  }
  return left.length - right.length;
}
