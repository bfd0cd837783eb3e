import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import type { OrgServiceContext } from '../../core/context.ts';
import { AppError } from '../../core/errors.ts';
import { deleteEnforcementPoint, insertEnforcementPoint, listEnforcementPoints, updateEnforcementPoint } from '../../db/repos/enforcement-points.repo.ts';
import { actorOf, recordAudit } from '../identity/index.ts';
import { POINT_CONFIGS, type PointKind, toEnforcementPointDto, type ZCreatedEnforcementPoint, type ZEnforcementPoint } from './enforcement-point.dto.ts';
import { sealPointSecret } from './point-secret.ts';

type PointDto = z.infer<typeof ZEnforcementPoint>;

function parseConfig(kind: PointKind, config: unknown): Record<string, unknown> {
  const parsed = POINT_CONFIGS[kind].safeParse(config ?? {});
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => ({ path: ['config', ...issue.path].join('.'), message: issue.message }));
    throw new AppError('VALIDATION_FAILED', `config: ${issues.map((issue) => `${issue.path} ${issue.message}`).join('; ')}`, { issues });
  }
  return parsed.data as Record<string, unknown>;
}

function requireSecret(kind: PointKind, secret: string | undefined): string | null {
  if (kind === 'nftables_ssh' && !secret) {
    throw new AppError('VALIDATION_FAILED', 'secret: the SSH private key (OpenSSH or PEM) is required for nftables_ssh', {
      issues: [{ path: 'secret', message: 'Required' }],
    });
  }
  if (kind === 'webhook') return secret ?? `whsec_${randomBytes(32).toString('base64')}`;
  return secret ?? null;
}

function pointNotFound(pointId: number): AppError {
  return new AppError('NOT_FOUND', `Enforcement point ${pointId} not found`);
}

export async function listOrgEnforcementPoints(ctx: OrgServiceContext): Promise<PointDto[]> {
  return (await listEnforcementPoints(ctx.deps.db, ctx.orgId)).map(toEnforcementPointDto);
}

/** Adds an enforcement point; its secret is sealed (AES-256-GCM, bound to the row) and a generated one is shown once. */
export function createEnforcementPoint(
  ctx: OrgServiceContext,
  input: { kind: PointKind; name: string; config?: unknown; secret?: string | undefined; enabled?: boolean | undefined },
): Promise<z.infer<typeof ZCreatedEnforcementPoint>> {
  if (input.kind === 'nftables' && !ctx.deps.config.RESPONSE_NFTABLES_LOCAL) {
    throw new AppError(
      'FORBIDDEN',
      'kind: nftables on the Vigil host is shared by every organisation; the operator enables it with RESPONSE_NFTABLES_LOCAL=true (use nftables_ssh for your own host)',
    );
  }
  const config = parseConfig(input.kind, input.config);
  const secret = requireSecret(input.kind, input.secret);
  return ctx.deps.db.transaction().execute(async (trx) => {
    const row = await insertEnforcementPoint(trx, ctx.orgId, {
      kind: input.kind,
      name: input.name,
      config: JSON.stringify(config),
      enabled: input.enabled ?? true,
      created_by: ctx.principal.actorId,
    });
    const sealed = secret === null ? null : sealPointSecret(ctx.deps.secrets.encryptionKey, secret, ctx.orgId, row.id);
    const stored = sealed ? await updateEnforcementPoint(trx, ctx.orgId, row.id, { sealed_secret: sealed }) : row;
    await recordAudit(trx, ctx, {
      orgId: ctx.orgId,
      action: 'response.enforcement_point_created',
      actor: actorOf(ctx),
      target: { type: 'enforcement_point', id: String(row.id) },
      details: { kind: input.kind, name: input.name },
    });
    return { ...toEnforcementPointDto(stored ?? row), secret: input.kind === 'webhook' && !input.secret ? secret : null };
  });
}

export function updateOrgEnforcementPoint(
  ctx: OrgServiceContext,
  pointId: number,
  change: { name?: string | undefined; config?: unknown; secret?: string | undefined; enabled?: boolean | undefined },
): Promise<PointDto> {
  return ctx.deps.db.transaction().execute(async (trx) => {
    const existing = (await listEnforcementPoints(trx, ctx.orgId)).find((point) => point.id === pointId);
    if (!existing) throw pointNotFound(pointId);
    const kind = existing.kind as PointKind;
    const updated = await updateEnforcementPoint(trx, ctx.orgId, pointId, {
      ...(change.name !== undefined ? { name: change.name } : {}),
      ...(change.config !== undefined ? { config: JSON.stringify(parseConfig(kind, change.config)) } : {}),
      ...(change.secret !== undefined ? { sealed_secret: sealPointSecret(ctx.deps.secrets.encryptionKey, change.secret, ctx.orgId, pointId) } : {}),
      ...(change.enabled !== undefined ? { enabled: change.enabled } : {}),
    });
    if (!updated) throw pointNotFound(pointId);
    const fields = Object.keys(change).filter((key) => change[key as keyof typeof change] !== undefined);
    await recordAudit(trx, ctx, {
      orgId: ctx.orgId,
      action: 'response.enforcement_point_updated',
      actor: actorOf(ctx),
      target: { type: 'enforcement_point', id: String(pointId) },
      details: { fields },
    });
    return toEnforcementPointDto(updated);
  });
}

export function deleteOrgEnforcementPoint(ctx: OrgServiceContext, pointId: number): Promise<{ deleted: true; id: number }> {
  return ctx.deps.db.transaction().execute(async (trx) => {
    if (!(await deleteEnforcementPoint(trx, ctx.orgId, pointId))) throw pointNotFound(pointId);
    await recordAudit(trx, ctx, {
      orgId: ctx.orgId,
      action: 'response.enforcement_point_deleted',
      actor: actorOf(ctx),
      target: { type: 'enforcement_point', id: String(pointId) },
      details: {},
    });
    return { deleted: true as const, id: pointId };
  });
}
