import { z } from 'zod';
import { ROLES } from '../../core/permissions.ts';
import type { OrgRow } from '../../db/repos/orgs.repo.ts';
import type { UserRow } from '../../db/repos/users.repo.ts';

/** Mini-XDR's UserResponse. */
export const ZMiniXdrUser = z.object({
  id: z.number().int().describe('User id (integer, as Mini-XDR numbers users); the one to send as user_id, assigned_to, escalated_to'),
  uuid: z.string().describe("Vigil's internal user id, as audit entries and journals record it"),
  email: z.string().describe('Login email, normalised to lower case'),
  full_name: z.string(),
  role: z.enum(ROLES),
  is_active: z.boolean(),
  must_change_password: z.boolean().describe('True until a one-time (invite) password has been replaced'),
  organization_id: z.number().int().describe('Organisation id (integer, as Mini-XDR numbers organisations)'),
  last_login: z.string().nullable().describe('ISO 8601'),
  created_at: z.string(),
});
export type MiniXdrUser = z.infer<typeof ZMiniXdrUser>;

/** Mini-XDR's OrganizationResponse. */
export const ZMiniXdrOrganization = z.object({
  id: z.number().int().describe('Organisation id (integer, as Mini-XDR numbers organisations)'),
  uuid: z.string().describe("Vigil's internal organisation id"),
  name: z.string(),
  slug: z.string(),
  status: z.string(),
  created_at: z.string(),
});
export type MiniXdrOrganization = z.infer<typeof ZMiniXdrOrganization>;

/** Mini-XDR's /api/auth/me answer. */
export const ZUserWithOrganization = z.object({ user: ZMiniXdrUser, organization: ZMiniXdrOrganization });
export type UserWithOrganization = z.infer<typeof ZUserWithOrganization>;

/** EventSec's UserProfile; `tenant_id` is the organisation's slug. */
export const ZUserProfile = z.object({
  id: z.number().int().describe("User id (integer, as EventSec's UI expects); the one to send as user_id, assigned_to, escalated_to"),
  uuid: z.string().describe("Vigil's internal user id, as audit entries and journals record it"),
  full_name: z.string(),
  role: z.enum(ROLES),
  email: z.string(),
  avatar_url: z.string().nullable(),
  timezone: z.string(),
  tenant_id: z.string().describe('Organisation slug'),
  team: z.string().nullable(),
  manager: z.string().nullable(),
  computer: z.string().nullable(),
  mobile_phone: z.string().nullable(),
  is_active: z.boolean(),
});
export type UserProfile = z.infer<typeof ZUserProfile>;

/** `orgPublicId`: the integer id of the user's organisation. */
export function toMiniXdrUser(row: UserRow, orgPublicId: number): MiniXdrUser {
  return {
    id: Number(row.public_id),
    uuid: row.id,
    email: row.email,
    full_name: row.full_name,
    role: row.role as MiniXdrUser['role'],
    is_active: row.is_active,
    must_change_password: row.must_change_password,
    organization_id: orgPublicId,
    last_login: row.last_login_at?.toISOString() ?? null,
    created_at: row.created_at.toISOString(),
  };
}

export function toMiniXdrOrganization(row: OrgRow): MiniXdrOrganization {
  return { id: Number(row.public_id), uuid: row.id, name: row.name, slug: row.slug, status: row.status, created_at: row.created_at.toISOString() };
}

export function toUserProfile(row: UserRow, orgSlug: string): UserProfile {
  return {
    id: Number(row.public_id),
    uuid: row.id,
    full_name: row.full_name,
    role: row.role as UserProfile['role'],
    email: row.email,
    avatar_url: row.avatar_url,
    timezone: row.timezone,
    tenant_id: orgSlug,
    team: row.team,
    manager: row.manager,
    computer: row.computer,
    mobile_phone: row.mobile_phone,
    is_active: row.is_active,
  };
}
