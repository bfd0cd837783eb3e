import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const FORMAT_V1 = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = 1 + IV_BYTES + TAG_BYTES;

/**
 * Encrypts a stored signing secret (device HMAC keys, webhook secrets) with the SECRETS_ENCRYPTION_KEY
 * (core/secrets.ts): AES-256-GCM with a random IV, `context` bound in as associated data, so a ciphertext
 * copied onto another row or purpose does not decrypt. Layout: version | IV | tag | ciphertext.
 */
export function sealSecret(key: Uint8Array, secret: string, context: string): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', checkedKey(key), iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return Buffer.concat([Buffer.from([FORMAT_V1]), iv, cipher.getAuthTag(), ciphertext]);
}

/** Throws when the blob was tampered with, was sealed for another context or with another key. */
export function openSecret(key: Uint8Array, blob: Uint8Array, context: string): string {
  const bytes = Buffer.from(blob);
  if (bytes.length <= HEADER_BYTES || bytes[0] !== FORMAT_V1) throw new Error('Unknown sealed secret format');
  const decipher = createDecipheriv('aes-256-gcm', checkedKey(key), bytes.subarray(1, 1 + IV_BYTES), { authTagLength: TAG_BYTES });
  decipher.setAAD(Buffer.from(context, 'utf8'));
  decipher.setAuthTag(bytes.subarray(1 + IV_BYTES, HEADER_BYTES));
  return Buffer.concat([decipher.update(bytes.subarray(HEADER_BYTES)), decipher.final()]).toString('utf8');
}

function checkedKey(key: Uint8Array): Uint8Array {
  if (key.length !== 32) throw new Error('The secrets encryption key must be 32 bytes');
  return key;
}
