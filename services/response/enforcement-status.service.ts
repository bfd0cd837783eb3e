import { z } from 'zod';
import type { OrgServiceContext } from '../../core/context.ts';
import { latestActionOn } from '../../db/repos/response-actions.repo.ts';
import { toResponseActionDto, ZResponseAction } from './action.dto.ts';
import type { EnforcementStatus, EnforcementTarget } from './adapters/adapter.ts';
import { adaptersFor } from './adapters/registry.ts';
import { ACTION_CATALOGUE } from './catalogue.ts';

export const ZPointStatus = z.object({
  adapter: z.string(),
  enforced: z.boolean(),
  expires_in_seconds: z.number().nullable(),
  detail: z.string(),
});

export const ZEnforcementReading = z.object({
  target: z.string(),
  enforced: z.boolean().describe('true when any enforcement point reports it in force, read from the point itself'),
  status: z.enum(['enforced', 'not_enforced', 'unknown']).describe('unknown: no enforcement point could be read'),
  last_checked: z.string(),
  source: z.string().describe('The enforcement points read, comma-separated, or none'),
  points: z.array(ZPointStatus),
  last_action: ZResponseAction.nullable().describe("Vigil's latest action on the target (what was asked, not what is enforced)"),
});
export type EnforcementReading = z.infer<typeof ZEnforcementReading>;

async function readPoint(adapter: { kind: string; status(target: EnforcementTarget): Promise<EnforcementStatus> }, target: EnforcementTarget) {
  try {
    const status = await adapter.status(target);
    return { adapter: adapter.kind, enforced: status.enforced, expires_in_seconds: status.expiresInSeconds ?? null, detail: status.detail, readable: true };
  } catch (error) {
    return {
      adapter: adapter.kind,
      enforced: false,
      expires_in_seconds: null,
      detail: `unreadable: ${error instanceof Error ? error.message : String(error)}`.slice(0, 300),
      readable: false,
    };
  }
}

/** Reads each enforcement point that could hold `type` on the target, plus Vigil's own latest action on it. */
export async function readEnforcement(
  ctx: OrgServiceContext,
  type: 'block_ip' | 'isolate_host',
  target: EnforcementTarget,
  related: readonly string[],
): Promise<EnforcementReading> {
  const adapters = await adaptersFor(ctx.deps, ctx.orgId, ACTION_CATALOGUE[type]);
  const readings = await Promise.all(adapters.map((adapter) => readPoint(adapter, target)));
  const latest = await latestActionOn(ctx.deps.db, ctx.orgId, related, target.value);
  const enforced = readings.some((reading) => reading.enforced);
  return {
    target: target.value,
    enforced,
    status: enforced ? 'enforced' : readings.some((reading) => reading.readable) ? 'not_enforced' : 'unknown',
    last_checked: new Date().toISOString(),
    source: readings.map((reading) => reading.adapter).join(',') || 'none',
    points: readings.map(({ readable: _readable, ...reading }) => reading),
    last_action: latest ? toResponseActionDto(latest) : null,
  };
}
