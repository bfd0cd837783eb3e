import { z } from 'zod';
import { DETECTION_WAIT_MS } from '../../services/ingest/index.ts';

/** A signing device sends all four; a user or API key none. */
export const ZDeviceSignatureHeaders = z.object({
  'X-Device-ID': z.string().optional().describe('The device id issued by POST /api/devices'),
  'X-TS': z.string().optional().describe('Request time, integer Unix seconds (±300 s)'),
  'X-Nonce': z.string().optional().describe('8–128 visible ASCII characters, never reused by the device'),
  'X-Signature': z
    .string()
    .optional()
    .describe('Lower-case hex HMAC-SHA256 (key = device secret) over METHOD|path|body|X-TS|X-Nonce; body = raw bytes after gzip; no query string'),
});

/** In the body (true) or, for unsigned requests, the query string (?wait_for_detection=true). */
export const ZWaitForDetection = z
  .union([z.boolean(), z.enum(['true', 'false', '1', '0'])])
  .optional()
  .describe(
    `Hold the answer, at most ${DETECTION_WAIT_MS / 1000} s, until a detection pass has evaluated the stored events; the answer then carries detection_complete, incidents_detected and incident_ids`,
  );

export function detectionWaitRequested(flag: z.infer<typeof ZWaitForDetection>): boolean {
  return flag === true || flag === 'true' || flag === '1';
}
