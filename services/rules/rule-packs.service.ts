import { z } from 'zod';
import type { OrgServiceContext } from '../../core/context.ts';
import { AppError } from '../../core/errors.ts';
import { listRules, setPackEnabled } from '../../db/repos/rules.repo.ts';
import { actorOf, recordAudit } from '../identity/index.ts';
import { sigmaImportDrafts } from './import-sigma.ts';
import type { RuleImportReport } from './rule-import.dto.ts';
import { packRules, rulePack, rulePacks } from './rule-packs.ts';
import { saveImportedEntry } from './save-entry.ts';

export const ZRulePack = z.object({
  name: z.string(),
  title: z.string(),
  description: z.string(),
  rules: z.array(z.object({ id: z.string(), title: z.string(), level: z.string(), type: z.enum(['analytic', 'correlation']) })),
  installed: z.number().int().describe("rules of the pack in this organisation's library"),
  enabled: z.number().int(),
});
export type RulePackDto = z.infer<typeof ZRulePack>;

/** GET /api/rules/packs: the bundled packs, with how many of their rules this organisation has and runs. */
export async function listRulePacks(ctx: OrgServiceContext): Promise<RulePackDto[]> {
  const rows = await listRules(ctx.deps.db, ctx.orgId, { kinds: ['analytic', 'correlation'], packOnly: true }, 10_000);
  return rulePacks().map((pack) => {
    const mine = rows.filter((row) => row.pack === pack.name);
    return {
      name: pack.name,
      title: pack.title,
      description: pack.description,
      rules: packRules(pack),
      installed: mine.length,
      enabled: mine.filter((row) => row.enabled).length,
    };
  });
}

function packOrThrow(name: string) {
  const pack = rulePack(name);
  if (!pack) throw new AppError('NOT_FOUND', `Rule pack ${name} not found`);
  return pack;
}

/**
 * POST /api/rules/packs/{pack}/enable: the pack's rules become the organisation's (read-only, marked with the pack)
 * and run; enabling again refreshes them to the bundled version. Rules that cannot run here are reported as rejected.
 */
export function enableRulePack(ctx: OrgServiceContext, name: string): Promise<RuleImportReport> {
  const pack = packOrThrow(name);
  return ctx.deps.db.transaction().execute(async (trx) => {
    const report: RuleImportReport = { detail: `Enabled pack ${pack.name}`, count: 0, created: [], updated: [], rejected: [] };
    const { entries, rejected } = sigmaImportDrafts(pack.content, pack.name);
    report.rejected.push(...rejected);
    for (const entry of entries) await saveImportedEntry(trx, ctx, entry, report, pack.name);
    report.count = report.created.length + report.updated.length;
    await recordAudit(trx, ctx, {
      orgId: ctx.orgId,
      action: 'rule_pack.enabled',
      actor: actorOf(ctx),
      target: { type: 'rule_pack', id: pack.name },
      details: { count: report.count },
    });
    return report;
  });
}

/** POST /api/rules/packs/{pack}/disable: every rule of the pack stops running (they stay in the library). */
export function disableRulePack(ctx: OrgServiceContext, name: string): Promise<{ detail: string; count: number }> {
  const pack = packOrThrow(name);
  return ctx.deps.db.transaction().execute(async (trx) => {
    const count = await setPackEnabled(trx, ctx.orgId, pack.name, false);
    await recordAudit(trx, ctx, {
      orgId: ctx.orgId,
      action: 'rule_pack.disabled',
      actor: actorOf(ctx),
      target: { type: 'rule_pack', id: pack.name },
      details: { count },
    });
    return { detail: `Disabled pack ${pack.name}`, count };
  });
}
