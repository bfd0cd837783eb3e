import { z } from 'zod';
import type { OrgServiceContext } from '../../core/context.ts';
import { readOrgSettings, writeOrgSettings } from '../../db/repos/org-settings.repo.ts';
import { actorOf, recordAudit } from '../identity/index.ts';

export const ZAutoContain = z.object({ enabled: z.boolean() });
export type AutoContain = z.infer<typeof ZAutoContain>;

export async function getAutoContain(ctx: OrgServiceContext): Promise<AutoContain> {
  return { enabled: (await readOrgSettings(ctx.deps.db, ctx.orgId)).auto_contain };
}

/** Stores the organisation's auto-containment switch (audited); the detection pass reads it when it creates incidents. */
export function setAutoContain(ctx: OrgServiceContext, enabled: boolean): Promise<AutoContain> {
  return ctx.deps.db.transaction().execute(async (trx) => {
    const previous = (await readOrgSettings(trx, ctx.orgId)).auto_contain;
    await writeOrgSettings(trx, ctx.orgId, { auto_contain: enabled }, ctx.principal.actorId);
    await recordAudit(trx, ctx, {
      orgId: ctx.orgId,
      action: 'settings.auto_contain_changed',
      actor: actorOf(ctx),
      target: { type: 'org_settings', id: ctx.orgId },
      details: { from: previous, to: enabled },
    });
    return { enabled };
  });
}
