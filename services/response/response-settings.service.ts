import { z } from 'zod';
import type { OrgServiceContext } from '../../core/context.ts';
import { AppError } from '../../core/errors.ts';
import { readResponseSettings, writeResponseSettings } from '../../db/repos/response-settings.repo.ts';
import { actorOf, recordAudit } from '../identity/index.ts';
import { normaliseRange } from './guard-rails.ts';

export const ZResponseSettings = z.object({
  protected_ranges: z
    .array(z.string())
    .describe('Addresses and CIDRs no action may block (your own networks), besides loopback, the Vigil host and RESPONSE_NEVER_BLOCK'),
  dry_run: z.boolean().describe('Every action is validated and recorded, and no enforcement point changes'),
  max_actions_per_hour: z.number().int().describe('Executable actions the organisation may request per hour (429 beyond)'),
});
export type ResponseSettings = z.infer<typeof ZResponseSettings>;

export async function getResponseSettings(ctx: OrgServiceContext): Promise<ResponseSettings> {
  const { updated_at: _updatedAt, ...settings } = await readResponseSettings(ctx.deps.db, ctx.orgId);
  return settings;
}

function parseRanges(ranges: readonly string[]): string[] {
  return ranges.map((range, index) => {
    const normal = normaliseRange(range);
    if (!normal)
      throw new AppError('VALIDATION_FAILED', `protected_ranges.${index}: ${JSON.stringify(range.slice(0, 64))} is not an address or CIDR`, {
        issues: [{ path: `protected_ranges.${index}`, message: 'not an address or CIDR' }],
      });
    return normal;
  });
}

export function putResponseSettings(ctx: OrgServiceContext, change: Partial<ResponseSettings>): Promise<ResponseSettings> {
  return ctx.deps.db.transaction().execute(async (trx) => {
    const { updated_at: _updatedAt, ...current } = await readResponseSettings(trx, ctx.orgId);
    const next = { ...current, ...change, ...(change.protected_ranges ? { protected_ranges: parseRanges(change.protected_ranges) } : {}) };
    await writeResponseSettings(trx, ctx.orgId, next, ctx.principal.actorId);
    await recordAudit(trx, ctx, {
      orgId: ctx.orgId,
      action: 'response.settings_changed',
      actor: actorOf(ctx),
      target: { type: 'response_settings', id: ctx.orgId },
      details: { from: current, to: next },
    });
    return next;
  });
}
