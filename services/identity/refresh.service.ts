import type { ServiceContext } from '../../core/context.ts';
import { unsafeMintOrgId } from '../../core/database.ts';
import { AppError } from '../../core/errors.ts';
import { markRefreshTokenUsed } from '../../db/repos/refresh-tokens.repo.ts';
import { revokeTokenFamily } from '../../db/repos/token-families.repo.ts';
import { unsafeFindTokenFamily, unsafeFindUserById, unsafeLockRefreshToken } from '../../db/unsafe/credentials.repo.ts';
import { recordAudit } from './audit.service.ts';
import { verifyToken } from './jwt.ts';
import { secretMatches } from './secure-tokens.ts';
import type { TokenPair } from './token-pair.dto.ts';
import { issueTokenPair } from './token-pair.service.ts';

const INVALID = 'Invalid or expired refresh token';

/**
 * Rotates a refresh token: the presented one is spent and a new pair of the same family issued. A
 * spent token presented again means it was stolen or replayed: the whole family is revoked.
 */
export async function rotateRefreshToken(ctx: ServiceContext, refreshToken: string): Promise<TokenPair> {
  const { db, secrets } = ctx.deps;
  const claims = await verifyToken(secrets.jwtKey, refreshToken, 'refresh');
  if (!claims) throw new AppError('UNAUTHENTICATED', INVALID);
  const outcome = await db.transaction().execute(async (trx) => {
    const stored = await unsafeLockRefreshToken(trx, claims.jti);
    if (!stored || !secretMatches(refreshToken, stored.token_hash) || stored.family_id !== claims.fam) return { kind: 'invalid' as const };
    const orgId = unsafeMintOrgId(stored.org_id);
    const family = await unsafeFindTokenFamily(trx, stored.family_id);
    if (!family || family.revoked_at) return { kind: 'invalid' as const };
    const actor = { type: 'user', id: family.user_id };
    if (stored.used_at) {
      await revokeTokenFamily(trx, orgId, family.id, 'refresh_token_reuse');
      await recordAudit(trx, ctx, { orgId, action: 'auth.refresh_reuse_detected', actor, outcome: 'failure', target: { type: 'token_family', id: family.id } });
      return { kind: 'reused' as const };
    }
    const user = await unsafeFindUserById(trx, family.user_id);
    if (!user?.is_active || user.org_id !== stored.org_id) return { kind: 'invalid' as const };
    await markRefreshTokenUsed(trx, orgId, stored.jti);
    await recordAudit(trx, ctx, { orgId, action: 'auth.refresh', actor, target: { type: 'token_family', id: family.id } });
    return { kind: 'rotated' as const, tokens: await issueTokenPair(trx, secrets.jwtKey, user, family.id) };
  });
  if (outcome.kind === 'rotated') return outcome.tokens;
  throw new AppError('UNAUTHENTICATED', outcome.kind === 'reused' ? 'Refresh token already used: every session of this login has been revoked' : INVALID);
}
