import { generateSecureRandomString } from './secure-tokens.ts';

const API_KEY_PATTERN = /^vgl_([a-z2-9]{10})_([a-z2-9]{32})$/;

/** `vgl_<prefix>_<secret>`: the prefix finds the row, the SHA-256 of the whole key proves it. */
export function generateApiKey(): { key: string; prefix: string } {
  const prefix = generateSecureRandomString(10);
  return { key: `vgl_${prefix}_${generateSecureRandomString(32)}`, prefix };
}

export function parseApiKey(presented: string): { prefix: string } | null {
  const match = API_KEY_PATTERN.exec(presented);
  return match?.[1] ? { prefix: match[1] } : null;
}
