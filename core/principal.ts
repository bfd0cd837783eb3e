import type { OrgId } from './database.ts';
import type { PrincipalRole } from './permissions.ts';

/** Who is calling, resolved from a cookie, a bearer token or an API key (agents and devices come with ingest). */
export type Principal = {
  actorType: 'user' | 'api_key' | 'agent' | 'device';
  actorId: string;
  orgId: OrgId;
  role: PrincipalRole;
  /** A user still holding a one-time password may only change it. */
  mustChangePassword: boolean;
  /** How the caller authenticated: which credential to revoke on logout. */
  credential: { kind: 'session'; sessionId: string } | { kind: 'jwt'; familyId: string } | { kind: 'api_key'; keyId: string } | { kind: 'machine' };
};
