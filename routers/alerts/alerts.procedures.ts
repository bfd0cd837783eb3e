import { roleCan } from '../../core/permissions.ts';
import { guardedProcedure } from '../procedures.ts';

/** POST /alerts: a member with alerts:write, or an agent key (agents report alerts as they report events). */
export const reportAlertProcedure = guardedProcedure({
  allowed: (principal) => roleCan(principal.role, 'alerts:write') || (principal.actorType === 'agent' && roleCan(principal.role, 'events:write')),
  needs: 'alerts:write, or an agent key',
});
