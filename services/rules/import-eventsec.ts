import { z } from 'zod';
import type { RuleFormat } from '../../engines/rules/program.ts';
import { ZRuleSample, ZRuleSeverity } from './rule.dto.ts';
import type { RuleDraft } from './save-rule.ts';

const ZSeverityText = z
  .string()
  .transform((value) => value.trim().toLowerCase())
  .pipe(ZRuleSeverity);

/** The fields both EventSec entry kinds share, in both spellings EventSec accepts. */
const common = {
  id: z.union([z.string().trim().min(1).max(200), z.number().int()]).optional(),
  title: z.string().trim().min(1).max(500).optional(),
  name: z.string().trim().min(1).max(500).optional(),
  description: z.string().max(20_000).nullable().optional(),
  severity: ZSeverityText.default('medium'),
  tags: z.array(z.string().max(200)).max(200).optional(),
  enabled: z.boolean().default(true),
  tests: z.array(ZRuleSample).max(100).optional(),
};
const titled = (entry: { title?: string | undefined; name?: string | undefined }) => entry.title !== undefined || entry.name !== undefined;

export const ZEventSecAnalyticEntry = z
  .object({
    ...common,
    category: z.string().max(200).nullable().optional(),
    data_sources: z.array(z.string().max(200)).max(100).optional(),
    dataSources: z.array(z.string().max(200)).max(100).optional(),
    query: z.record(z.string(), z.unknown()).optional(),
  })
  .refine(titled, { message: 'title (or name) is required', path: ['title'] });

export const ZEventSecCorrelationEntry = z
  .object({
    ...common,
    window_minutes: z.number().positive().max(525_600).optional(),
    windowMinutes: z.number().positive().max(525_600).optional(),
    logic: z.record(z.string(), z.unknown()).optional(),
  })
  .refine(titled, { message: 'title (or name) is required', path: ['title'] });

type AnalyticEntry = z.infer<typeof ZEventSecAnalyticEntry>;
type CorrelationEntry = z.infer<typeof ZEventSecCorrelationEntry>;

/**
 * What runs of an EventSec entry: `query.sigma` / `logic.sigma` (Sigma YAML) or `query.conditions` (EventSec
 * conditions); anything else is kept as text, disabled, with the reason.
 */
function executableOf(spec: Record<string, unknown> | undefined): { format: RuleFormat; source: string } {
  if (typeof spec?.sigma === 'string') return { format: 'sigma', source: spec.sigma };
  if (typeof spec?.conditions === 'object' && spec.conditions !== null && !Array.isArray(spec.conditions)) {
    return { format: 'conditions', source: JSON.stringify(spec.conditions) };
  }
  return { format: 'text', source: JSON.stringify(spec ?? {}) };
}

export function eventSecImportDraft(kind: 'analytic' | 'correlation', entry: AnalyticEntry | CorrelationEntry): { draft: RuleDraft } {
  const spec = kind === 'analytic' ? (entry as AnalyticEntry).query : (entry as CorrelationEntry).logic;
  const { format, source } = executableOf(spec);
  const body: Record<string, unknown> =
    kind === 'analytic'
      ? {
          category: (entry as AnalyticEntry).category ?? null,
          data_sources: (entry as AnalyticEntry).data_sources ?? (entry as AnalyticEntry).dataSources ?? [],
          query: spec ?? {},
        }
      : { window_minutes: (entry as CorrelationEntry).window_minutes ?? (entry as CorrelationEntry).windowMinutes ?? null, logic: spec ?? {} };
  if (format === 'conditions') body.conditions = spec?.conditions;
  return {
    draft: {
      kind,
      title: (entry.title ?? entry.name) as string,
      description: entry.description ?? null,
      severity: entry.severity,
      enabled: entry.enabled ? 'when_executable' : false,
      format,
      source,
      body: { ...body, tags: entry.tags ?? [] },
      tests: entry.tests ?? [],
      externalId: entry.id === undefined ? null : String(entry.id),
      pack: null,
    },
  };
}
