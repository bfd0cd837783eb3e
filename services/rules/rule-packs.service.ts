import { z } from 'zod';
import type { OrgServiceContext } from '../../core/context.ts';
import { AppError, isAppError } from '../../core/errors.ts';
import { listRules, lockRuleByExternalId, type RuleKind, type RuleRow, setPackEnabled } from '../../db/repos/rules.repo.ts';
import { actorOf, recordAudit } from '../identity/index.ts';
import { sigmaImportDrafts } from './import-sigma.ts';
import type { RuleImportReport } from './rule-import.dto.ts';
import { packRules, rulePack, rulePacks } from './rule-packs.ts';
import { insertCheckedRule, updateCheckedRule } from './save-rule.ts';

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
    for (const { index, draft } of entries) {
      const existing = draft.externalId ? await lockRuleByExternalId(trx, ctx.orgId, draft.kind as RuleKind, draft.externalId) : undefined;
      if (existing && existing.pack !== pack.name) {
        report.rejected.push({
          section: 'sigma',
          index,
          id: draft.externalId,
          reasons: [`a rule with this id already exists in the library (rule ${existing.public_id})`],
        });
        continue;
      }
      let row: RuleRow;
      try {
        row = existing
          ? await updateCheckedRule(trx, ctx, existing, { enabled: true, source: draft.source, body: draft.body, title: draft.title, severity: draft.severity })
          : await insertCheckedRule(trx, ctx, draft);
      } catch (error) {
        if (!isAppError(error)) throw error;
        report.rejected.push({ section: 'sigma', index, id: draft.externalId, reasons: error.issues?.map((issue) => issue.message) ?? [error.message] });
        continue;
      }
      const item = {
        section: 'sigma' as const,
        index,
        id: draft.externalId,
        rule_id: row.public_id,
        type: row.kind,
        title: row.title,
        enabled: row.enabled,
        executable: row.executable,
        problems: [],
      };
      (existing ? report.updated : report.created).push(item);
    }
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
