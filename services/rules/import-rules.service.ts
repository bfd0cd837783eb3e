import { z } from 'zod';
import type { OrgServiceContext } from '../../core/context.ts';
import type { Executor } from '../../core/database.ts';
import { isAppError } from '../../core/errors.ts';
import { lockRuleByExternalId, type RuleKind, type RuleRow } from '../../db/repos/rules.repo.ts';
import type { RuleProblem } from '../../engines/rules/types.ts';
import { eventSecImportDraft, ZEventSecAnalyticEntry, ZEventSecCorrelationEntry } from './import-eventsec.ts';
import { type ImportedRule, sigmaImportDrafts } from './import-sigma.ts';
import { describeProblem, invalidRuleField } from './rule-errors.ts';
import type { RuleImportReport } from './rule-import.dto.ts';
import { insertCheckedRule, type RuleDraft, updateCheckedRule } from './save-rule.ts';

export type RuleImportPayload = {
  analytic_rules?: unknown[] | undefined;
  correlation_rules?: unknown[] | undefined;
  format?: 'sigma' | undefined;
  content?: string | undefined;
};

type Section = RuleImportReport['rejected'][number]['section'];

/**
 * POST /api/rules/import: EventSec's `{analytic_rules, correlation_rules}` and Sigma (`{format: 'sigma', content}`,
 * one or many YAML documents). Every entry is validated on its own and upserted by its id (EventSec's `id`, Sigma's
 * `id`); a bad entry is rejected with its index and reasons and never stops the others or breaks a later list.
 */
export function importRules(ctx: OrgServiceContext, payload: RuleImportPayload): Promise<RuleImportReport> {
  return ctx.deps.db.transaction().execute(async (trx) => {
    const report: RuleImportReport = { detail: 'Imported rules', count: 0, created: [], updated: [], rejected: [] };
    const entries: ImportedRule[] = [];
    const sections = [
      ['analytic_rules', payload.analytic_rules, ZEventSecAnalyticEntry, 'analytic'],
      ['correlation_rules', payload.correlation_rules, ZEventSecCorrelationEntry, 'correlation'],
    ] as const;
    for (const [section, list, schema, kind] of sections) {
      (list ?? []).forEach((raw, index) => {
        const parsed = schema.safeParse(raw);
        if (parsed.success) entries.push({ section, index, ...eventSecImportDraft(kind, parsed.data) });
        else
          report.rejected.push({
            section,
            index,
            id: idOf(raw),
            reasons: parsed.error.issues.map((issue) => `${issue.path.join('.') || '(entry)'}: ${issue.message}`),
          });
      });
    }
    if (payload.content !== undefined) {
      const sigma = sigmaImportDrafts(payload.content);
      report.rejected.push(...sigma.rejected);
      entries.push(...sigma.entries);
    }
    for (const entry of entries) await saveEntry(trx, ctx, entry, report);
    report.count = report.created.length + report.updated.length;
    return report;
  });
}

function idOf(raw: unknown): string | null {
  const id = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>).id : undefined;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : null;
}

async function saveEntry(trx: Executor, ctx: OrgServiceContext, entry: ImportedRule, report: RuleImportReport): Promise<void> {
  const { section, index, draft } = entry;
  try {
    const existing = draft.externalId === null ? undefined : await lockRuleByExternalId(trx, ctx.orgId, draft.kind as RuleKind, draft.externalId);
    const row = existing ? await updateExisting(trx, ctx, existing, draft) : await insertCheckedRule(trx, ctx, draft);
    const item = {
      section,
      index,
      id: draft.externalId,
      rule_id: row.public_id,
      type: row.kind,
      title: row.title,
      enabled: row.enabled,
      executable: row.executable,
      problems: (row.problems as Parameters<typeof describeProblem>[0][]).map(describeProblem),
    };
    (existing ? report.updated : report.created).push(item);
  } catch (error) {
    if (!isAppError(error)) throw error;
    const problems = error.details?.problems as RuleProblem[] | undefined;
    const offset = entry.lineOffset ?? 0;
    const reasons = problems
      ? problems.map((problem) => describeProblem({ ...problem, line: problem.line === null ? null : problem.line + offset }))
      : (error.issues?.map((issue) => `${issue.path}: ${issue.message}`) ?? [error.message]);
    report.rejected.push({ section: section as Section, index, id: draft.externalId, reasons });
  }
}

function updateExisting(trx: Executor, ctx: OrgServiceContext, existing: RuleRow, draft: RuleDraft): Promise<RuleRow> {
  if (existing.pack !== null) throw invalidRuleField('id', `names a rule of the bundled pack '${existing.pack}', which is read-only`);
  return updateCheckedRule(trx, ctx, existing, {
    title: draft.title,
    description: draft.description,
    severity: draft.severity,
    enabled: draft.enabled,
    format: draft.format,
    source: draft.source,
    body: draft.body,
    tests: draft.tests,
  });
}

export const ZRuleImportPayload = z.object({
  analytic_rules: z.array(z.unknown()).max(5000).optional().describe('EventSec analytic rules; each is validated on its own'),
  correlation_rules: z.array(z.unknown()).max(5000).optional().describe('EventSec correlation rules; each is validated on its own'),
  format: z.literal('sigma').optional().describe('sigma: `content` holds one or many Sigma YAML documents'),
  content: z.string().max(5_000_000).optional().describe('Sigma YAML: rules, filters and correlations separated by ---'),
});
