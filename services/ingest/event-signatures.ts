import { timingSafeEqual } from 'node:crypto';
import type { IndexedRecord, RecordRejection } from './ingest-summary.ts';
import { eventSignature } from './sign-request.ts';

const HEX_SHA256 = /^[0-9a-fA-F]{64}$/;

/**
 * Checks optional per-event `signature`s (see sign-request.ts for the canonical form). A bad one rejects
 * that event alone; a verified event is stored without its `signature`, i.e. exactly what was signed.
 * Events without a `signature` key pass unchanged.
 */
export function checkEventSignatures(events: readonly unknown[], key: string): { accepted: IndexedRecord[]; rejected: RecordRejection[] } {
  const accepted: IndexedRecord[] = [];
  const rejected: RecordRejection[] = [];
  events.forEach((event, index) => {
    if (!isSignedObject(event)) {
      accepted.push({ index, record: event });
      return;
    }
    const { signature, ...unsigned } = event;
    if (typeof signature === 'string' && HEX_SHA256.test(signature) && matches(eventSignature(key, unsigned), signature)) {
      accepted.push({ index, record: unsigned });
    } else {
      rejected.push({ index, reason: 'bad_signature', field: 'signature' });
    }
  });
  return { accepted, rejected };
}

function isSignedObject(event: unknown): event is Record<string, unknown> & { signature: unknown } {
  return typeof event === 'object' && event !== null && !Array.isArray(event) && Object.hasOwn(event, 'signature');
}

function matches(expected: string, presented: string): boolean {
  return timingSafeEqual(Buffer.from(expected, 'hex'), Buffer.from(presented.toLowerCase(), 'hex'));
}
