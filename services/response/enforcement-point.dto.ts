import { z } from 'zod';
import type { EnforcementPointRow } from '../../db/repos/enforcement-points.repo.ts';

const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/;

export const ZNftablesConfig = z.object({
  table: z
    .string()
    .regex(/^[a-z][a-z0-9_]{0,31}$/, 'lower-case letters, digits and _')
    .default('vigil'),
  netns: z.string().regex(NAME, 'a network namespace name').optional().describe('Run nft inside this network namespace of the Vigil host'),
});

export const ZNftablesSshConfig = z.object({
  host: z.string().trim().min(1).max(253),
  port: z.number().int().min(1).max(65_535).default(22),
  username: z.string().regex(/^[a-z_][a-z0-9_-]{0,31}$/, 'a POSIX user name'),
  host_key_sha256: z.string().regex(/^(SHA256:)?[A-Za-z0-9+/]{43}=?$/, "the host key's SHA-256 fingerprint as ssh-keygen -l prints it"),
  table: z
    .string()
    .regex(/^[a-z][a-z0-9_]{0,31}$/, 'lower-case letters, digits and _')
    .default('vigil'),
  sudo: z.boolean().default(false).describe('Run `sudo -n nft` (a user allowed nft without a password) instead of logging in as root'),
});

export const ZWebhookFirewallConfig = z.object({
  url: z
    .url({ protocol: /^https?$/ })
    .max(2048)
    .describe('The firewall API: signed POSTs of {action: block|unblock|status, target, timeout_seconds?}'),
});

export const POINT_KINDS = ['nftables', 'nftables_ssh', 'webhook'] as const;
export type PointKind = (typeof POINT_KINDS)[number];
export const POINT_CONFIGS = { nftables: ZNftablesConfig, nftables_ssh: ZNftablesSshConfig, webhook: ZWebhookFirewallConfig } as const;

export const ZEnforcementPoint = z.object({
  id: z.number().int(),
  kind: z.enum(POINT_KINDS),
  name: z.string(),
  config: z.record(z.string(), z.unknown()).describe('Non-secret settings; the secret is never returned'),
  has_secret: z.boolean(),
  enabled: z.boolean(),
  created_by: z.string(),
  created_at: z.string(),
  updated_at: z.string(),
});
export const ZCreatedEnforcementPoint = ZEnforcementPoint.extend({
  secret: z.string().nullable().describe('The generated signing secret of a webhook point, shown once; null otherwise'),
});

export function toEnforcementPointDto(row: EnforcementPointRow): z.infer<typeof ZEnforcementPoint> {
  return {
    id: Number(row.id),
    kind: row.kind as PointKind,
    name: row.name,
    config: row.config as Record<string, unknown>,
    has_secret: row.sealed_secret !== null,
    enabled: row.enabled,
    created_by: row.created_by,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
  };
}
