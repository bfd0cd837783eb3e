import { type Executor, type OrgId, unsafeMintOrgId } from '../../core/database.ts';
import { deleteSession, extendSession, insertSession } from '../../db/repos/sessions.repo.ts';
import { unsafeFindSession } from '../../db/unsafe/credentials.repo.ts';
import { generateSecureRandomString, hashSecret, secretMatches } from './secure-tokens.ts';

export type ValidSession = { sessionId: string; orgId: OrgId; userId: string; expiresAt: Date };

/**
 * Lucia's current session design: the client holds `<id>.<secret>`; the database keeps the id and
 * SHA-256 of the secret, compared in constant time. Expiry slides forward once half of it has passed.
 */
export async function createSession(db: Executor, orgId: OrgId, userId: string, ttlSeconds: number): Promise<{ token: string; expiresAt: Date }> {
  const id = generateSecureRandomString();
  const secret = generateSecureRandomString();
  const expiresAt = new Date(Date.now() + ttlSeconds * 1000);
  await insertSession(db, orgId, { id, userId, secretHash: hashSecret(secret), expiresAt });
  return { token: `${id}.${secret}`, expiresAt };
}

export async function validateSessionToken(db: Executor, token: string, ttlSeconds: number): Promise<ValidSession | null> {
  const [id, secret, extra] = token.split('.');
  if (!id || !secret || extra !== undefined || id.length > 64 || secret.length > 64) return null;
  const row = await unsafeFindSession(db, id);
  if (!row || !secretMatches(secret, row.secret_hash)) return null;
  const orgId = unsafeMintOrgId(row.org_id);
  const now = Date.now();
  if (row.expires_at.getTime() <= now) {
    await deleteSession(db, orgId, id);
    return null;
  }
  let expiresAt = row.expires_at;
  if (expiresAt.getTime() - now < (ttlSeconds * 1000) / 2) {
    expiresAt = new Date(now + ttlSeconds * 1000);
    await extendSession(db, orgId, id, expiresAt);
  }
  return { sessionId: id, orgId, userId: row.user_id, expiresAt };
}

export function invalidateSession(db: Executor, orgId: OrgId, sessionId: string): Promise<void> {
  return deleteSession(db, orgId, sessionId);
}
