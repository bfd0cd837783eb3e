import { hash, verify } from '@node-rs/argon2';
import { generateRandomString, type RandomReader } from '@oslojs/crypto/random';

const SPECIALS = '@$!%*?&#^()_-+=[]{}|\\:;"\'<>,.?/~`';

/** Both seed platforms' documented policy: 12+ characters with upper, lower, digit and special. */
export function passwordPolicyProblems(password: string): string[] {
  const problems: string[] = [];
  if (password.length < 12) problems.push('must be at least 12 characters');
  if (password.length > 256) problems.push('must be at most 256 characters');
  if (!/[A-Z]/.test(password)) problems.push('must contain an uppercase letter');
  if (!/[a-z]/.test(password)) problems.push('must contain a lowercase letter');
  if (!/[0-9]/.test(password)) problems.push('must contain a digit');
  if (![...password].some((char) => SPECIALS.includes(char))) problems.push('must contain a special character');
  return problems;
}

/** argon2id with the library's defaults (19 MiB, 2 passes: OWASP's recommended floor). */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  return verify(passwordHash, password).catch(() => false);
}

// A real hash to verify against when the email is unknown, so both failures cost the same time.
let dummyHash: Promise<string> | undefined;
export async function burnPasswordCheck(password: string): Promise<void> {
  dummyHash ??= hash('vigil-timing-equaliser-password');
  await verifyPassword(await dummyHash, password);
}

const random: RandomReader = { read: (bytes) => crypto.getRandomValues(bytes) };

/** A one-time password that itself satisfies the policy. */
export function generateTemporaryPassword(): string {
  const body = generateRandomString(random, 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789', 16);
  return `${body}-Aa7!`;
}
