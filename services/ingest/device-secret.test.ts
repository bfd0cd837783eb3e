import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decryptDeviceSecret, encryptDeviceSecret, generateDeviceSecret } from './device-secret.ts';

const key = randomBytes(32);

describe('device secrets at rest', () => {
  it('round-trips, with a fresh IV each time and no plaintext in the blob', () => {
    const secret = generateDeviceSecret();
    expect(secret).toMatch(/^vgd_[A-Za-z0-9_-]{43}$/);
    const first = encryptDeviceSecret(key, secret, 'row-1');
    const second = encryptDeviceSecret(key, secret, 'row-1');
    expect(first.equals(second)).toBe(false);
    expect(first.includes(Buffer.from(secret))).toBe(false);
    expect(decryptDeviceSecret(key, first, 'row-1')).toBe(secret);
  });

  it('refuses another key, another row, or a tampered blob', () => {
    const blob = encryptDeviceSecret(key, 'secret', 'row-1');
    expect(() => decryptDeviceSecret(randomBytes(32), blob, 'row-1')).toThrow();
    expect(() => decryptDeviceSecret(key, blob, 'row-2')).toThrow();
    const tampered = Buffer.from(blob);
    tampered[tampered.length - 1] = (tampered.at(-1) ?? 0) ^ 1;
    expect(() => decryptDeviceSecret(key, tampered, 'row-1')).toThrow();
    expect(() => encryptDeviceSecret(randomBytes(16), 'secret', 'row-1')).toThrow('32 bytes');
  });
});
