export const ROLES = ['viewer', 'analyst', 'soc_lead', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Roles of machine credentials (agent keys, honeypot devices): they report, they never read. */
export const MACHINE_ROLES = ['agent', 'device'] as const;
export type MachineRole = (typeof MACHINE_ROLES)[number];
export type PrincipalRole = Role | MachineRole;

/** Everything a caller may be allowed to do; procedures name one of these in their base procedure. */
export const PERMISSIONS = [
  'profile:read',
  'users:read',
  'users:write',
  'api_keys:manage',
  'audit:read',
  'events:read',
  'events:write',
  /** Generating synthetic scenarios: test data for people, never for machine credentials. */
  'events:generate',
  'sensors:manage',
  'alerts:read',
  'alerts:write',
  'incidents:read',
  'incidents:write',
  'response:execute',
  'rules:read',
  'rules:write',
  /** Saved hunts: writing one can schedule it, and a scheduled hunt raises alerts (analysts' detection work). */
  'hunts:read',
  'hunts:write',
  'settings:read',
  'settings:write',
  'telemetry:report',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const VIEWER: readonly Permission[] = [
  'profile:read',
  'users:read',
  'events:read',
  'alerts:read',
  'incidents:read',
  'rules:read',
  'hunts:read',
  'settings:read',
];
// detection engineering is analysts' work (EventSec lets any user write analytics rules and import)
const ANALYST: readonly Permission[] = [...VIEWER, 'events:write', 'events:generate', 'alerts:write', 'incidents:write', 'rules:write', 'hunts:write'];
const SOC_LEAD: readonly Permission[] = [...ANALYST, 'response:execute', 'sensors:manage'];

/** The permission matrix: which role may do what. */
export const ROLE_PERMISSIONS: Readonly<Record<PrincipalRole, ReadonlySet<Permission>>> = {
  viewer: new Set(VIEWER),
  analyst: new Set(ANALYST),
  soc_lead: new Set(SOC_LEAD),
  admin: new Set(PERMISSIONS),
  agent: new Set(['events:write', 'telemetry:report']),
  device: new Set(['events:write', 'telemetry:report']),
};

export function roleCan(role: PrincipalRole, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].has(permission);
}

/** The less powerful of two roles (ROLES runs from least to most). */
export function weakerRole(a: Role, b: Role): Role {
  return ROLES.indexOf(a) <= ROLES.indexOf(b) ? a : b;
}

/** EventSec's role names, accepted on input and mapped onto ours. */
export const LEGACY_ROLE_ALIASES: Readonly<Record<string, Role>> = { team_lead: 'soc_lead', senior_analyst: 'analyst' };

export function normaliseRole(input: string): Role | undefined {
  const lowered = input.trim().toLowerCase();
  return (ROLES as readonly string[]).includes(lowered) ? (lowered as Role) : LEGACY_ROLE_ALIASES[lowered];
}
