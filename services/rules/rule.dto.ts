import { z } from 'zod';
import type { RuleRow } from '../../db/repos/rules.repo.ts';

export const RULE_SEVERITIES = ['informational', 'low', 'medium', 'high', 'critical'] as const;
export const ZRuleSeverity = z.enum(RULE_SEVERITIES);
export type RuleSeverity = z.infer<typeof ZRuleSeverity>;

export const ZRuleProblem = z.object({
  construct: z.string(),
  message: z.string(),
  line: z.number().int().nullable(),
  column: z.number().int().nullable(),
});
export type RuleProblemDto = z.infer<typeof ZRuleProblem>;

/** A sample event and whether the rule must match it; saving or enabling a rule whose samples fail is refused. */
export const ZRuleSample = z.object({
  name: z.string().max(200).optional(),
  event: z.record(z.string(), z.unknown()).describe('The raw event as it arrives (agent, EventSec, Windows evtx-JSON or winlogbeat shape, …)'),
  match: z.boolean().describe('true: the rule must match it; false: it must not'),
});
export type RuleSample = z.infer<typeof ZRuleSample>;

/** What Vigil adds to every rule shape: whether it runs, why not, its version, samples and source metadata. */
const ZExecution = {
  executable: z.boolean().describe('false: stored but cannot run (see problems); it cannot be enabled'),
  problems: z.array(ZRuleProblem),
  format: z.enum(['sigma', 'conditions', 'text']),
  version: z.number().int(),
  tests: z.array(ZRuleSample),
  author: z.string().nullable(),
  link: z.string().nullable(),
  pack: z.string().nullable().describe('the bundled rule pack it came from, if any'),
  updated_at: z.string(),
};

const body = (row: RuleRow): Record<string, unknown> => (row.body ?? {}) as Record<string, unknown>;
const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []);

function execution(row: RuleRow) {
  const meta = body(row);
  return {
    executable: row.executable,
    problems: row.problems as RuleProblemDto[],
    format: row.format as 'sigma' | 'conditions' | 'text',
    version: row.version,
    tests: row.tests as RuleSample[],
    author: text(meta.author),
    link: text(meta.link),
    pack: row.pack,
    updated_at: row.updated_at.toISOString(),
  };
}

/** EventSec's DetectionRule (`/rules/detections`). */
export const ZDetectionRule = z.object({
  id: z.number().int(),
  name: z.string(),
  description: z.string().nullable(),
  severity: ZRuleSeverity,
  enabled: z.boolean(),
  conditions: z.record(z.string(), z.unknown()),
  create_incident: z.boolean(),
  created_at: z.string(),
  ...ZExecution,
});
export type DetectionRuleDto = z.infer<typeof ZDetectionRule>;
export function toDetectionRuleDto(row: RuleRow): DetectionRuleDto {
  const meta = body(row);
  return {
    id: row.public_id,
    name: row.title,
    description: row.description,
    severity: row.severity as z.infer<typeof ZRuleSeverity>,
    enabled: row.enabled,
    conditions: (meta.conditions ?? {}) as Record<string, unknown>,
    create_incident: meta.create_incident === true,
    created_at: row.created_at.toISOString(),
    ...execution(row),
  };
}

/** EventSec's AnalyticsRule (`/analytics/rules`): status enabled|disabled, query as text. */
export const ZAnalyticsRule = z.object({
  id: z.number().int(),
  name: z.string(),
  description: z.string().nullable(),
  datasource: z.string().nullable(),
  severity: ZRuleSeverity,
  status: z.enum(['enabled', 'disabled']),
  query: z.string(),
  owner: z.string().nullable(),
  created_at: z.string(),
  ...ZExecution,
});
export type AnalyticsRuleDto = z.infer<typeof ZAnalyticsRule>;
export function toAnalyticsRuleDto(row: RuleRow): AnalyticsRuleDto {
  const meta = body(row);
  return {
    id: row.public_id,
    name: row.title,
    description: row.description,
    datasource: text(meta.datasource),
    severity: row.severity as z.infer<typeof ZRuleSeverity>,
    status: row.enabled ? 'enabled' : 'disabled',
    query: row.source,
    owner: text(meta.owner),
    created_at: row.created_at.toISOString(),
    ...execution(row),
  };
}

/** EventSec's AnalyticRule (`/api/rules?type=analytic`); Sigma detection rules are listed as these. */
export const ZAnalyticRule = z.object({
  id: z.number().int(),
  type: z.literal('analytic'),
  title: z.string(),
  description: z.string().nullable(),
  severity: ZRuleSeverity,
  category: z.string().nullable(),
  data_sources: z.array(z.string()),
  query: z.record(z.string(), z.unknown()),
  tags: z.array(z.string()),
  enabled: z.boolean(),
  created_at: z.string(),
  ...ZExecution,
});
export type AnalyticRuleDto = z.infer<typeof ZAnalyticRule>;
export function toAnalyticRuleDto(row: RuleRow): AnalyticRuleDto {
  const meta = body(row);
  return {
    id: row.public_id,
    type: 'analytic',
    title: row.title,
    description: row.description,
    severity: row.severity as z.infer<typeof ZRuleSeverity>,
    category: text(meta.category),
    data_sources: strings(meta.data_sources),
    query: (meta.query ?? {}) as Record<string, unknown>,
    tags: strings(meta.tags),
    enabled: row.enabled,
    created_at: row.created_at.toISOString(),
    ...execution(row),
  };
}

/** EventSec's CorrelationRule (`/api/rules?type=correlation`); Sigma correlation rules are listed as these. */
export const ZCorrelationRule = z.object({
  id: z.number().int(),
  type: z.literal('correlation'),
  title: z.string(),
  description: z.string().nullable(),
  severity: ZRuleSeverity,
  window_minutes: z.number().nullable(),
  logic: z.record(z.string(), z.unknown()),
  tags: z.array(z.string()),
  enabled: z.boolean(),
  created_at: z.string(),
  ...ZExecution,
});
export type CorrelationRuleDto = z.infer<typeof ZCorrelationRule>;
export function toCorrelationRuleDto(row: RuleRow): CorrelationRuleDto {
  const meta = body(row);
  return {
    id: row.public_id,
    type: 'correlation',
    title: row.title,
    description: row.description,
    severity: row.severity as z.infer<typeof ZRuleSeverity>,
    window_minutes: typeof meta.window_minutes === 'number' ? meta.window_minutes : null,
    logic: (meta.logic ?? {}) as Record<string, unknown>,
    tags: strings(meta.tags),
    enabled: row.enabled,
    created_at: row.created_at.toISOString(),
    ...execution(row),
  };
}

export const ZLibraryRule = z.union([ZAnalyticRule, ZCorrelationRule]);
export type LibraryRuleDto = z.infer<typeof ZLibraryRule>;
export function toLibraryRuleDto(row: RuleRow): LibraryRuleDto {
  return row.kind === 'correlation' ? toCorrelationRuleDto(row) : toAnalyticRuleDto(row);
}

/** EventSec's BiocRule (`/biocs`): behavioural rules on agent events; detection_logic holds Sigma YAML. */
export const ZBiocRule = z.object({
  id: z.number().int(),
  name: z.string(),
  description: z.string().nullable(),
  platform: z.string().nullable(),
  tactic: z.string().nullable(),
  technique: z.string().nullable(),
  detection_logic: z.string(),
  severity: ZRuleSeverity,
  tags: z.array(z.string()),
  status: z.enum(['enabled', 'disabled']),
  created_at: z.string(),
  ...ZExecution,
});
export type BiocRuleDto = z.infer<typeof ZBiocRule>;
export function toBiocRuleDto(row: RuleRow): BiocRuleDto {
  const meta = body(row);
  return {
    id: row.public_id,
    name: row.title,
    description: row.description,
    platform: text(meta.platform),
    tactic: text(meta.tactic),
    technique: text(meta.technique),
    detection_logic: row.source,
    severity: row.severity as z.infer<typeof ZRuleSeverity>,
    tags: strings(meta.tags),
    status: row.enabled ? 'enabled' : 'disabled',
    created_at: row.created_at.toISOString(),
    ...execution(row),
  };
}
