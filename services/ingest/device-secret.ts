import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const FORMAT_V1 = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = 1 + IV_BYTES + TAG_BYTES;

/** 32 random bytes, base64url, with a prefix secret scanners can recognise. Used as the HMAC key as UTF-8 text. */
export function generateDeviceSecret(): string {
  return `vgd_${randomBytes(32).toString('base64url')}`;
}

/**
 * AES-256-GCM with a random IV; the device row id is bound in as associated data, so a ciphertext copied
 * onto another device row does not decrypt. Layout: version | IV | tag | ciphertext.
 */
export function encryptDeviceSecret(key: Uint8Array, secret: string, rowId: string): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', checkedKey(key), iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(associatedData(rowId));
  const ciphertext = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return Buffer.concat([Buffer.from([FORMAT_V1]), iv, cipher.getAuthTag(), ciphertext]);
}

/** Throws when the blob was tampered with, belongs to another row or was sealed with another key. */
export function decryptDeviceSecret(key: Uint8Array, blob: Uint8Array, rowId: string): string {
  const bytes = Buffer.from(blob);
  if (bytes.length <= HEADER_BYTES || bytes[0] !== FORMAT_V1) throw new Error('Unknown device secret format');
  const decipher = createDecipheriv('aes-256-gcm', checkedKey(key), bytes.subarray(1, 1 + IV_BYTES), { authTagLength: TAG_BYTES });
  decipher.setAAD(associatedData(rowId));
  decipher.setAuthTag(bytes.subarray(1 + IV_BYTES, HEADER_BYTES));
  return Buffer.concat([decipher.update(bytes.subarray(HEADER_BYTES)), decipher.final()]).toString('utf8');
}

function checkedKey(key: Uint8Array): Uint8Array {
  if (key.length !== 32) throw new Error('The secrets encryption key must be 32 bytes');
  return key;
}

function associatedData(rowId: string): Buffer {
  return Buffer.from(`vigil:device-secret:${rowId}`, 'utf8');
}
