import { openSecret, sealSecret } from '../../core/secret-box.ts';

/** AES-256-GCM with the point's row bound in, so a sealed key copied onto another point does not open. */
export function sealPointSecret(key: Uint8Array, secret: string, orgId: string, pointId: number): Buffer {
  return sealSecret(key, secret, `vigil:enforcement-point:${orgId}:${pointId}`);
}

export function openPointSecret(key: Uint8Array, sealed: Uint8Array, orgId: string, pointId: number): string {
  return openSecret(key, sealed, `vigil:enforcement-point:${orgId}:${pointId}`);
}
