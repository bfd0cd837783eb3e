import type { OrgServiceContext, ServiceContext } from '../../core/context.ts';
import type { Principal } from '../../core/principal.ts';
import { revokeTokenFamily } from '../../db/repos/token-families.repo.ts';
import { recordAudit } from './audit.service.ts';
import { verifyToken } from './jwt.ts';
import { invalidateSession } from './sessions.service.ts';

/** Revokes the credential the caller used: the JWT family (access and refresh tokens alike) or the session. */
export async function logout(ctx: OrgServiceContext, refreshToken?: string): Promise<void> {
  const { db, secrets } = ctx.deps;
  const { principal, orgId } = ctx;
  await db.transaction().execute(async (trx) => {
    if (principal.credential.kind === 'jwt') await revokeTokenFamily(trx, orgId, principal.credential.familyId, 'logout');
    if (principal.credential.kind === 'session') await invalidateSession(trx, orgId, principal.credential.sessionId);
    const refreshClaims = refreshToken ? await verifyToken(secrets.jwtKey, refreshToken, 'refresh') : null;
    if (refreshClaims && refreshClaims.organization_id === orgId && refreshClaims.sub === principal.actorId) {
      await revokeTokenFamily(trx, orgId, refreshClaims.fam, 'logout');
    }
    await recordAudit(trx, ctx, {
      orgId,
      action: 'auth.logout',
      actor: { type: principal.actorType, id: principal.actorId },
      details: { credential: principal.credential.kind },
    });
  });
}

/** EventSec's logout is public: it clears the cookie for anyone, and revokes the session when one is presented. */
export async function logoutSessionIfAny(ctx: ServiceContext, principal: Principal | null): Promise<void> {
  if (!principal) return;
  await logout({ ...ctx, principal, orgId: principal.orgId });
}
