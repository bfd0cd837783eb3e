import { z } from 'zod';
import { normaliseRole, ROLES } from '../../core/permissions.ts';
import type { UserRef } from '../../services/identity/index.ts';

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

const MESSAGE = 'must be a user id (a positive integer) or a user uuid';

/**
 * A user named in input: the integer id (JSON number, or digits in a path or query string) or Vigil's
 * internal UUID. Resolved against the caller's organisation by the service.
 */
export const ZUserRef = z
  .union([z.number().int(MESSAGE).positive(MESSAGE).max(Number.MAX_SAFE_INTEGER, MESSAGE), z.string().max(64)])
  .transform((value, ctx): UserRef => {
    if (typeof value === 'number') return value;
    const text = value.trim();
    if (/^[1-9]\d{0,15}$/.test(text) && Number.isSafeInteger(Number(text))) return Number(text);
    if (z.uuid().safeParse(text).success) return text.toLowerCase();
    ctx.addIssue({ code: 'custom', message: MESSAGE });
    return z.NEVER;
  })
  .describe('User id (integer); the user uuid is accepted too');
