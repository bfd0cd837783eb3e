import { authedProcedure } from '../../server/auth/procedures.ts';
import type { Context } from '../../server/context.ts';
import { AppError } from '../../server/errors.ts';
import { middleware } from '../../server/trpc.ts';
import { type Permission, roleCan } from '../../services/auth/permissions.ts';
import type { Principal } from '../../services/auth/principal.ts';

type Check = { allowed: (principal: Principal) => boolean; needs: string };

function guarded(check: Check) {
  return authedProcedure.use(
    middleware(async ({ ctx, next }) => {
      const { principal } = ctx as Context & { principal: Principal };
      if (!check.allowed(principal)) throw new AppError('FORBIDDEN', `Your role '${principal.role}' may not do this (needs ${check.needs})`);
      return next();
    }),
  );
}

/** An authenticated caller whose role holds at least one of `permissions`. */
export function orgProcedureAnyOf(permissions: readonly Permission[]) {
  return guarded({ allowed: (principal) => permissions.some((permission) => roleCan(principal.role, permission)), needs: permissions.join(' or ') });
}

/** POST /alerts: a member with alerts:write, or an agent key (agents report alerts as they report events). */
export const reportAlertProcedure = guarded({
  allowed: (principal) => roleCan(principal.role, 'alerts:write') || (principal.actorType === 'agent' && roleCan(principal.role, 'events:write')),
  needs: 'alerts:write, or an agent key',
});
