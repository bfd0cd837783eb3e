import { z } from 'zod';

export const ZDeviceSignatureHeaders = z.object({
  'X-Device-ID': z.string().describe('The device id issued by POST /api/devices'),
  'X-TS': z.string().describe('Request time, integer Unix seconds (±300 s)'),
  'X-Nonce': z.string().describe('8–128 visible ASCII characters, never reused by the device'),
  'X-Signature': z.string().describe('Lower-case hex HMAC-SHA256 (key = device secret) over METHOD|path|body|X-TS|X-Nonce; body = raw bytes after gzip'),
});
