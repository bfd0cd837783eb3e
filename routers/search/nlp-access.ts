import { roleCan } from '../../core/permissions.ts';
import { guardedProcedure } from '../procedures.ts';

/**
 * A question can read events, alerts and incidents (the translator picks the table), so asking one needs all three
 * read permissions. Mini-XDR signed these routes with its device HMAC; here any user credential or API key works.
 */
export const nlpProcedure = guardedProcedure({
  allowed: (principal) => roleCan(principal.role, 'events:read') && roleCan(principal.role, 'alerts:read') && roleCan(principal.role, 'incidents:read'),
  needs: 'events:read, alerts:read and incidents:read',
});
