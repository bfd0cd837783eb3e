import { sha256 } from '@oslojs/crypto/sha2';
import { constantTimeEqual } from '@oslojs/crypto/subtle';

const ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';

/** 24 characters from a 32-letter alphabet: 120 bits of entropy (Lucia's session-token recipe). */
export function generateSecureRandomString(length = 24): string {
  const bytes = new Uint8Array(length);
  crypto.getRandomValues(bytes);
  let out = '';
  for (const byte of bytes) out += ALPHABET[byte >> 3];
  return out;
}

export function hashSecret(secret: string): Uint8Array {
  return sha256(new TextEncoder().encode(secret));
}

export function secretMatches(secret: string, expectedHash: Uint8Array): boolean {
  return constantTimeEqual(hashSecret(secret), new Uint8Array(expectedHash));
}
