import { z } from 'zod';
import type { OrgServiceContext } from '../../core/context.ts';
import { eventSecImportDraft, ZEventSecAnalyticEntry, ZEventSecCorrelationEntry } from './import-eventsec.ts';
import { type ImportedRule, sigmaImportDrafts } from './import-sigma.ts';
import type { RuleImportReport } from './rule-import.dto.ts';
import { saveImportedEntry } from './save-entry.ts';

export type RuleImportPayload = {
  analytic_rules?: unknown[] | undefined;
  correlation_rules?: unknown[] | undefined;
  format?: 'sigma' | undefined;
  content?: string | undefined;
};

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
    for (const entry of entries) await saveImportedEntry(trx, ctx, entry, report, null);
    report.count = report.created.length + report.updated.length;
    return report;
  });
}

function idOf(raw: unknown): string | null {
  const id = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>).id : undefined;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : null;
}

export const ZRuleImportPayload = z.object({
  analytic_rules: z.array(z.unknown()).max(5000).optional().describe('EventSec analytic rules; each is validated on its own'),
  correlation_rules: z.array(z.unknown()).max(5000).optional().describe('EventSec correlation rules; each is validated on its own'),
  format: z.literal('sigma').optional().describe('sigma: `content` holds one or many Sigma YAML documents'),
  content: z.string().max(5_000_000).optional().describe('Sigma YAML: rules, filters and correlations separated by ---'),
});
