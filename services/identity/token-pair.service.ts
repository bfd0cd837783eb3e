import { randomUUID } from 'node:crypto';
import type { Executor, OrgId } from '../../core/database.ts';
import { insertRefreshToken } from '../../db/repos/refresh-tokens.repo.ts';
import { insertTokenFamily } from '../../db/repos/token-families.repo.ts';
import type { UserRow } from '../../db/repos/users.repo.ts';
import { ACCESS_TOKEN_TTL_SECONDS, REFRESH_TOKEN_TTL_SECONDS, signToken, type TokenClaims } from './jwt.ts';
import { hashSecret } from './secure-tokens.ts';
import type { TokenPair } from './token-pair.dto.ts';

/** Access (8 h) and refresh (30 d) JWTs of one family; the refresh token is stored hashed under its jti. */
export async function issueTokenPair(db: Executor, key: Uint8Array, user: UserRow, familyId?: string): Promise<TokenPair> {
  const orgId = user.org_id as OrgId;
  const family = familyId ?? (await insertTokenFamily(db, orgId, user.id));
  const base = { sub: user.id, user_id: user.id, organization_id: user.org_id, role: user.role, fam: family };
  const accessClaims: TokenClaims = { ...base, type: 'access', jti: randomUUID() };
  const refreshClaims: TokenClaims = { ...base, type: 'refresh', jti: randomUUID() };
  const [accessToken, refreshToken] = await Promise.all([
    signToken(key, accessClaims, ACCESS_TOKEN_TTL_SECONDS),
    signToken(key, refreshClaims, REFRESH_TOKEN_TTL_SECONDS),
  ]);
  await insertRefreshToken(db, orgId, {
    jti: refreshClaims.jti,
    familyId: family,
    tokenHash: hashSecret(refreshToken),
    expiresAt: new Date(Date.now() + REFRESH_TOKEN_TTL_SECONDS * 1000),
  });
  return { access_token: accessToken, refresh_token: refreshToken, token_type: 'bearer', expires_in: ACCESS_TOKEN_TTL_SECONDS };
}
