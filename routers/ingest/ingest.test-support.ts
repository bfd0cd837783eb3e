import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { signRequest } from '../../services/devices/sign-request.ts';
import type { TestOrg } from '../../tests/factories.ts';
import type { TestServerHandle } from '../../tests/harness.ts';

export type TestDevice = { id: string; device_id: string; name: string; secret: string };
export type SignOptions = { ts?: number | string; nonce?: string; secret?: string; contentType?: string; gzip?: boolean; headers?: Record<string, string> };

export async function registerDevice(t: TestServerHandle, org: TestOrg, body: Record<string, unknown> = {}): Promise<TestDevice> {
  const created = await t.http.post('/api/devices', { name: `hp-${randomBytes(3).toString('hex')}`, ...body }, org.admin.headers);
  if (created.status !== 201) throw new Error(`device not created: ${JSON.stringify(created.body)}`);
  return created.body as TestDevice;
}

/** Posts `body` signed by the device, as a Cowrie relay would: the signature covers the uncompressed bytes. */
export async function postSigned(t: TestServerHandle, device: TestDevice, path: string, body: string, options: SignOptions = {}) {
  const timestamp = options.ts ?? Math.floor(Date.now() / 1000);
  const nonce = options.nonce ?? randomBytes(16).toString('hex');
  const headers = signRequest({ deviceId: device.device_id, secret: options.secret ?? device.secret }, { method: 'POST', path, body, timestamp, nonce });
  const response = await fetch(`${t.server.baseUrl}${path}`, {
    method: 'POST',
    headers: {
      'content-type': options.contentType ?? 'application/json',
      ...(options.gzip ? { 'content-encoding': 'gzip' } : {}),
      ...headers,
      ...options.headers,
    },
    body: options.gzip ? gzipSync(body) : body,
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined, nonce };
}

export const cowrieLogin = (overrides: Record<string, unknown> = {}) => ({
  eventid: 'cowrie.login.failed',
  timestamp: '2026-11-24T08:00:00.000000Z',
  src_ip: '203.0.113.50',
  session: 'f00dbabe0001',
  username: 'root',
  password: "' OR 1=1--",
  sensor: 'cowrie-eu-1',
  ...overrides,
});
