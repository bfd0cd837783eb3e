import type { ServiceDeps } from '../../../core/context.ts';
import type { OrgId } from '../../../core/database.ts';
import { outboundPolicyOf } from '../../../core/outbound/index.ts';
import { type EnforcementPointRow, listEnforcementPoints } from '../../../db/repos/enforcement-points.repo.ts';
import { createAgentAdapter } from '../agent-queue/agent-adapter.ts';
import type { ActionDefinition } from '../catalogue.ts';
import { openPointSecret } from '../point-secret.ts';
import type { EnforcementAdapter } from './adapter.ts';
import { createHttpFirewallAdapter } from './http-firewall.ts';
import { createIdentityAdapter } from './identity.ts';
import { nftablesPointAdapter } from './nftables-point.ts';

/** Builds the adapter of one configured enforcement point; the sealed secret is opened only here. */
export type PointFactory = (point: EnforcementPointRow, secret: string | null, deps: ServiceDeps) => EnforcementAdapter;

const POINT_FACTORIES: Partial<Record<string, PointFactory>> = {
  nftables: (point, secret) => nftablesPointAdapter(point.kind, point.config, secret),
  nftables_ssh: (point, secret) => nftablesPointAdapter(point.kind, point.config, secret),
  webhook: (point, secret, deps) =>
    createHttpFirewallAdapter({ url: String((point.config as { url?: unknown }).url ?? ''), secret: secret ?? '', policy: outboundPolicyOf(deps.config) }),
};

/** Built-in enforcement points every organisation has: its own accounts and its agents. */
type BuiltIn = (deps: ServiceDeps, orgId: OrgId) => EnforcementAdapter;
const BUILT_INS: Partial<Record<string, BuiltIn>> = {
  identity: (deps, orgId) => createIdentityAdapter(deps.db, orgId),
  agent: (deps, orgId) => createAgentAdapter(deps.db, orgId),
};

export function registerPointFactory(kind: string, factory: PointFactory): void {
  POINT_FACTORIES[kind] = factory;
}

export function registerBuiltInAdapter(kind: string, build: BuiltIn): void {
  BUILT_INS[kind] = build;
}

function openSecret(deps: ServiceDeps, point: EnforcementPointRow): string | null {
  return point.sealed_secret === null ? null : openPointSecret(deps.secrets.encryptionKey, point.sealed_secret, point.org_id, point.id);
}

/** Every adapter that can carry out the action for the organisation: its enabled points of a fitting kind, then the built-ins. */
export async function adaptersFor(deps: ServiceDeps, orgId: OrgId, definition: ActionDefinition): Promise<EnforcementAdapter[]> {
  const points = await listEnforcementPoints(deps.db, orgId, true);
  const configured = points.flatMap((point) => {
    const factory = definition.adapters.includes(point.kind) ? POINT_FACTORIES[point.kind] : undefined;
    return factory ? [factory(point, openSecret(deps, point), deps)] : [];
  });
  const builtIn = definition.adapters.flatMap((kind) => {
    const build = BUILT_INS[kind];
    return build ? [build(deps, orgId)] : [];
  });
  return [...configured, ...builtIn];
}

/** Why nothing can carry out the action here, in words an operator can act on. */
export function noAdapterReason(definition: ActionDefinition, type: string): string {
  return `no enforcement point can carry out ${type} in this organisation: it needs one of ${definition.adapters.join(', ')} (configure one with POST /api/response/enforcement-points)`;
}
