import { z } from 'zod';

export const ZRecordRejection = z.object({
  index: z.number().int().describe("The record's position in the request (0-based)"),
  reason: z.string().describe('missing_field, invalid_timestamp, not_an_object, bad_signature, …'),
  field: z.string().nullable(),
});

export const ZIngestSummary = z.object({
  stored: z.number().int().describe('New events stored'),
  deduplicated: z.number().int().describe('Events already stored (a retry or replay), not stored twice'),
  rejected: z.array(ZRecordRejection),
  received: z.number().int(),
});

export const ZDeviceSignatureHeaders = z.object({
  'X-Device-ID': z.string().describe('The device id issued by POST /api/devices'),
  'X-TS': z.string().describe('Request time, integer Unix seconds (±300 s)'),
  'X-Nonce': z.string().describe('8–128 visible ASCII characters, never reused by the device'),
  'X-Signature': z.string().describe('Lower-case hex HMAC-SHA256 (key = device secret) over METHOD|path|body|X-TS|X-Nonce; body = raw bytes after gzip'),
});
