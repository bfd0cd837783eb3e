import { randomBytes } from 'node:crypto';
import { openSecret, sealSecret } from '../../core/secret-box.ts';

/** 32 random bytes, base64url, with a prefix secret scanners can recognise. Used as the HMAC key as UTF-8 text. */
export function generateDeviceSecret(): string {
  return `vgd_${randomBytes(32).toString('base64url')}`;
}

/**
 * AES-256-GCM (core/secret-box.ts); the device row id is bound in as associated data, so a ciphertext copied
 * onto another device row does not decrypt.
 */
export function encryptDeviceSecret(key: Uint8Array, secret: string, rowId: string): Buffer {
  return sealSecret(key, secret, associatedData(rowId));
}

/** Throws when the blob was tampered with, belongs to another row or was sealed with another key. */
export function decryptDeviceSecret(key: Uint8Array, blob: Uint8Array, rowId: string): string {
  return openSecret(key, blob, associatedData(rowId));
}

function associatedData(rowId: string): string {
  return `vigil:device-secret:${rowId}`;
}
