import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';

/**
 * Stable hashing for dedup keys, without node:crypto (engines stay runnable anywhere).
 * FNV-1a 64 is the short content hash inside a key's material; SHA-256 makes the stored key (build.ts).
 */

const utf8 = new TextEncoder();

/** SHA-256 of the UTF-8 bytes, 64 lower-case hex digits. */
export function sha256Hex(text: string): string {
  return encodeHexLowerCase(sha256(utf8.encode(text)));
}

/** FNV-1a 64-bit over the UTF-8 bytes, computed on four 16-bit limbs so it stays in safe integers. */
export function fnv1a64(text: string): string {
  const bytes = utf8.encode(text);
  // offset basis 0xcbf29ce484222325, little-endian 16-bit limbs
  let h0 = 0x2325;
  let h1 = 0x8422;
  let h2 = 0x9ce4;
  let h3 = 0xcbf2;
  for (const byte of bytes) {
    h0 ^= byte;
    // multiply by the FNV prime 0x100000001b3 = 2^40 + 0x1b3
    const t0 = h0 * 0x1b3;
    let t1 = h1 * 0x1b3;
    let t2 = h2 * 0x1b3;
    let t3 = h3 * 0x1b3;
    t2 += h0 << 8;
    t3 += h1 << 8;
    t1 += t0 >>> 16;
    h0 = t0 & 0xffff;
    t2 += t1 >>> 16;
    h1 = t1 & 0xffff;
    h3 = (t3 + (t2 >>> 16)) & 0xffff;
    h2 = t2 & 0xffff;
  }
  return [h3, h2, h1, h0].map((limb) => limb.toString(16).padStart(4, '0')).join('');
}

/** JSON with object keys sorted recursively, so equal records hash equally whatever their key order. */
export function canonicalJson(value: unknown, skipTopLevelKey?: (key: string) => boolean): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'bigint') return JSON.stringify(value.toString());
    const text = JSON.stringify(value);
    return text === undefined ? 'null' : text;
  }
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i > 0 ? ',' : '') + canonicalJson(value[i]);
    return `${out}]`;
  }
  const record = value as Record<string, unknown>;
  let out = '{';
  for (const key of Object.keys(record).sort()) {
    const item = record[key];
    if (item === undefined || typeof item === 'function' || skipTopLevelKey?.(key)) continue;
    out += `${out.length > 1 ? ',' : ''}${JSON.stringify(key)}:${canonicalJson(item)}`;
  }
  return `${out}}`;
}

export function contentHash(value: unknown, skipTopLevelKey?: (key: string) => boolean): string {
  return fnv1a64(canonicalJson(value, skipTopLevelKey));
}
