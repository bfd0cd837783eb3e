import { z } from 'zod';
import type { TriggerRow } from '../../db/repos/workflow-triggers.repo.ts';
import { CONDITION_KEYS, EXPRESSION_VARIABLES, LEVELS, TEMPLATE_PLACEHOLDERS } from '../../engines/triggers/index.ts';
import { type WorkflowStepInput, ZWorkflowStepInput } from '../response/index.ts';

export const TRIGGER_PRIORITIES = LEVELS;
export const ZTriggerPriority = z.enum(TRIGGER_PRIORITIES);
export type TriggerPriority = z.infer<typeof ZTriggerPriority>;
export const ZTriggerStatus = z.enum(['active', 'paused', 'archived']);

export const CONDITIONS_DESCRIPTION = `Mini-XDR's flat condition object; every key must hold (AND). Keys: ${CONDITION_KEYS.join(', ')}. threat_category / escalation_level: a value or a list (case-insensitive); threat_category_in: a list; threat_category_pattern: substring of the category or the reason; escalation_level_min: low < medium < high < critical; event_type (+ threshold, default 1, + window_seconds, default 600, max 604800): at least threshold events of that type (the event's action, e.g. cowrie.login.failed) from the incident's source address within window_seconds before its last sighting; risk_score_min: 0–1; pattern_match: substring of the reason; source: the incident's origin (detection, alert, network, manual) or its events' channel or source (cowrie, zeek, …; honeypot for cowrie). An unknown key is refused (400 naming it). {} matches every change.`;

export const EXPRESSION_DESCRIPTION = `Optional CEL (Common Expression Language) for what the keys cannot say, ANDed with them; must yield a bool. Variables: change ('created', 'updated', 'escalated'; 'simulation' in simulate) and incident {${Object.entries(
  EXPRESSION_VARIABLES,
)
  .map(([name, type]) => `${name}: ${type}`)
  .join(
    ', ',
  )}} (missing text is ""). Example: incident.risk_score >= 0.8 && "ssh" in incident.tags && incident.src_ip.startsWith("203."). Limits: 2000 characters, 300 nodes, no comprehension inside another, no matches(); compiled on save (400 naming expression).`;

export const STEPS_DESCRIPTION = `The workflow's steps (response actions, Mini-XDR's names accepted). Parameter strings are templated when the trigger fires: a whole value {${TEMPLATE_PLACEHOLDERS.join('}, {')}} (or event.<name>) is replaced by the value (numbers stay numbers), and placeholders inside longer strings are interpolated.`;

export const ZTriggerStep = ZWorkflowStepInput;

export const ZTrigger = z.object({
  id: z.number().int(),
  name: z.string(),
  description: z.string().nullable(),
  category: z.string(),
  enabled: z.boolean(),
  auto_execute: z.boolean().describe('true: the workflow starts without a person (unless a step needs approval)'),
  priority: ZTriggerPriority,
  status: ZTriggerStatus,
  conditions: z.record(z.string(), z.unknown()),
  expression: z.string().nullable().describe('CEL condition, if any'),
  playbook_name: z.string(),
  workflow_steps: z.array(z.record(z.string(), z.unknown())),
  cooldown_seconds: z.number().int(),
  max_triggers_per_day: z.number().int(),
  tags: z.array(z.string()),
  trigger_count: z.number().int().describe('fires (matches that passed cooldown and daily limit)'),
  success_count: z.number().int().describe('fires that created their workflow'),
  failure_count: z.number().int(),
  success_rate: z.number().describe('success_count / trigger_count, percent 0–100'),
  avg_response_time_ms: z.number().describe('EMA (α 0.3) of the time from the incident change to the workflow'),
  last_triggered_at: z.string().nullable(),
  version: z.number().int().describe('raised by every configuration change; each version is kept'),
  created_by: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
});
export type TriggerDto = z.infer<typeof ZTrigger>;

export function toTriggerDto(row: TriggerRow): TriggerDto {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    category: row.category,
    enabled: row.enabled,
    auto_execute: row.auto_execute,
    priority: row.priority as TriggerPriority,
    status: row.status as z.infer<typeof ZTriggerStatus>,
    conditions: (row.conditions ?? {}) as Record<string, unknown>,
    expression: row.expression,
    playbook_name: row.playbook_name,
    workflow_steps: (row.workflow_steps ?? []) as Record<string, unknown>[],
    cooldown_seconds: row.cooldown_seconds,
    max_triggers_per_day: row.max_triggers_per_day,
    tags: row.tags,
    trigger_count: row.trigger_count,
    success_count: row.success_count,
    failure_count: row.failure_count,
    success_rate: row.trigger_count === 0 ? 0 : Math.round((row.success_count / row.trigger_count) * 10_000) / 100,
    avg_response_time_ms: Math.round(row.avg_response_time_ms * 100) / 100,
    last_triggered_at: row.last_triggered_at?.toISOString() ?? null,
    version: row.version,
    created_by: row.created_by,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
  };
}

export const storedSteps = (row: TriggerRow): WorkflowStepInput[] => (row.workflow_steps ?? []) as WorkflowStepInput[];

export const ZTriggerStats = z.object({
  total_triggers: z.number().int(),
  enabled_triggers: z.number().int(),
  auto_execute_triggers: z.number().int(),
  total_executions: z.number().int().describe('fires of every trigger'),
  total_successes: z.number().int(),
  total_failures: z.number().int(),
  avg_success_rate: z.number().describe('mean success rate (percent) of the triggers that fired'),
});

export const ZTriggerDeleted = z.object({ success: z.boolean(), message: z.string() });
export const ZTriggerToggled = z.object({ success: z.boolean(), trigger: ZTrigger });

export const ZBulkPaused = z.object({ success: z.boolean(), paused_count: z.number().int(), not_found: z.array(z.number().int()) });
export const ZBulkResumed = z.object({ success: z.boolean(), resumed_count: z.number().int(), not_found: z.array(z.number().int()) });
export const ZBulkArchived = z.object({ success: z.boolean(), archived_count: z.number().int(), not_found: z.array(z.number().int()) });

export const ZTriggerSettingsResult = z.object({
  success: z.boolean(),
  message: z.string(),
  trigger: z.object({
    id: z.number().int(),
    name: z.string(),
    auto_execute: z.boolean(),
    priority: ZTriggerPriority,
    enabled: z.boolean(),
    status: ZTriggerStatus,
  }),
});

const ZConditionResult = z.object({
  condition: z.string().describe('the condition key'),
  held: z.boolean(),
  expected: z.unknown().describe('what the trigger asks'),
  actual: z.unknown().describe('what the incident had (for event_type: the count in the window)'),
});

export const ZTriggerSimulation = z.object({
  trigger_id: z.number().int(),
  trigger_name: z.string(),
  incident_id: z.number().int().nullable().describe('the incident evaluated (null for an inline incident)'),
  conditions_met: z.boolean().describe('every condition and the expression held'),
  conditions: z.array(ZConditionResult),
  expression: z.object({ source: z.string(), held: z.boolean(), error: z.string().nullable() }).nullable(),
  would_fire: z.boolean().describe('live (enabled, active), conditions met and within cooldown and daily limit'),
  would_execute: z.boolean().describe('would fire, auto_execute, and no step needs approval: the workflow would start by itself'),
  workflow_steps: z.array(z.record(z.string(), z.unknown())).describe('the steps with their parameters templated for this incident'),
  estimated_duration_seconds: z.number().int().describe('30 per step'),
  required_approvals: z.number().int().describe('approvals needed before the workflow runs (0 or 1: one soc_lead decision covers it)'),
  safety_checks: z.object({
    destructive_actions: z.array(z.string()),
    approval_required: z.boolean(),
    within_rate_limit: z.boolean(),
    cooldown_remaining_seconds: z.number().int(),
    fires_today: z.number().int(),
    max_triggers_per_day: z.number().int(),
  }),
  problems: z.array(z.string()).describe('why the workflow could not be created as it stands (an unknown action…)'),
  agent_readiness: z.object({ ready: z.boolean(), reason: z.string() }),
  simulation_timestamp: z.string(),
});
export type TriggerSimulationDto = z.infer<typeof ZTriggerSimulation>;
