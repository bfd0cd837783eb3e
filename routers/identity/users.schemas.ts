import { z } from 'zod';
import { normaliseRole, ROLES } from '../../core/permissions.ts';

/** Our four roles, plus EventSec's `team_lead` and `senior_analyst` mapped onto them. */
export const ZRoleInput = z
  .string()
  .max(32)
  .transform((value, ctx) => {
    const role = normaliseRole(value);
    if (!role) ctx.addIssue({ code: 'custom', message: `must be one of ${ROLES.join(', ')} (or team_lead, senior_analyst)` });
    return role ?? 'viewer';
  });

export const ZProfileFields = z.object({
  avatar_url: z.string().max(2048).nullable().optional(),
  timezone: z.string().max(64).optional(),
  team: z.string().max(255).nullable().optional(),
  manager: z.string().max(255).nullable().optional(),
  computer: z.string().max(255).nullable().optional(),
  mobile_phone: z.string().max(64).nullable().optional(),
});
