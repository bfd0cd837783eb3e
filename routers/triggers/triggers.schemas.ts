import { z } from 'zod';
import {
  CONDITIONS_DESCRIPTION,
  EXPRESSION_DESCRIPTION,
  STEPS_DESCRIPTION,
  TRIGGER_PRIORITIES,
  ZTriggerStatus,
  ZTriggerStep,
} from '../../services/triggers/index.ts';

export const ZTriggerIdParam = z.object({
  trigger_id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).describe('Trigger id'),
});

/** Priority as Mini-XDR clients send it (any case). */
export const ZPriorityInput = z
  .string()
  .transform((value) => value.trim().toLowerCase())
  .pipe(z.enum(TRIGGER_PRIORITIES))
  .describe('low | medium | high | critical (triggers are evaluated critical first)');

/** `true`/`false` in a query string (also 1/0, yes/no). */
export const ZBooleanParam = z.preprocess((value) => {
  if (typeof value !== 'string') return value;
  const lowered = value.trim().toLowerCase();
  if (['true', '1', 'yes'].includes(lowered)) return true;
  if (['false', '0', 'no'].includes(lowered)) return false;
  return value;
}, z.boolean());

const name = z.string().trim().min(1, 'must not be blank').max(200).describe('unique within your organisation');
const description = z.string().trim().max(2000).nullable();
const category = z.string().trim().min(1, 'must not be blank').max(100).describe('free text (e.g. ransomware, brute_force)');
const conditions = z.record(z.string(), z.unknown()).describe(CONDITIONS_DESCRIPTION);
const expression = z.string().max(2000).nullable().describe(EXPRESSION_DESCRIPTION);
const playbookName = z.string().trim().min(1, 'must not be blank').max(200).describe("the workflow's playbook name");
const steps = z.array(ZTriggerStep).min(1).max(50).describe(STEPS_DESCRIPTION);
const cooldown = z.number().int().min(0).max(604_800).describe('seconds after a fire during which the trigger does not fire again (persisted)');
const perDay = z.number().int().min(1).max(100_000).describe('fires per UTC day at most (persisted)');
const tags = z.array(z.string().trim().min(1).max(100)).max(50);

export const ZTriggerCreateBody = z.object({
  name,
  description: description.optional(),
  category,
  enabled: z.boolean().default(true),
  auto_execute: z.boolean().default(false).describe('true: a fired workflow starts by itself (a step with a high safety level still waits for approval)'),
  priority: ZPriorityInput.default('medium'),
  conditions,
  expression: expression.optional(),
  playbook_name: playbookName,
  workflow_steps: steps,
  cooldown_seconds: cooldown.default(60),
  max_triggers_per_day: perDay.default(100),
  tags: tags.default([]),
});

export const ZTriggerUpdateBody = z.object({
  name: name.optional(),
  description: description.optional(),
  category: category.optional(),
  enabled: z.boolean().optional(),
  auto_execute: z.boolean().optional(),
  priority: ZPriorityInput.optional(),
  conditions: conditions.optional(),
  expression: expression.optional(),
  playbook_name: playbookName.optional(),
  workflow_steps: steps.optional(),
  cooldown_seconds: cooldown.optional(),
  max_triggers_per_day: perDay.optional(),
  tags: tags.optional(),
});

export const ZTriggerListQuery = z.object({
  category: z.string().trim().max(100).optional(),
  enabled: ZBooleanParam.optional(),
  status: ZTriggerStatus.optional(),
});

/** An incident described inline for simulate (what-if); absent fields are empty. */
export const ZInlineIncident = z.object({
  title: z.string().max(500).optional(),
  severity: z.string().max(20).optional(),
  escalation_level: z.string().max(20).optional(),
  risk_score: z.number().min(0).max(1).optional(),
  threat_category: z.string().max(200).optional(),
  reason: z.string().max(5000).optional(),
  src_ip: z.string().max(64).optional(),
  status: z.string().max(40).optional(),
  event_count: z.number().int().min(0).optional(),
  alert_count: z.number().int().min(0).optional(),
  tags: z.array(z.string().max(100)).max(100).optional(),
  mitre: z.array(z.string().max(50)).max(100).optional(),
  sources: z.array(z.string().max(50)).max(20).optional(),
  event_counts: z.record(z.string(), z.number().int().min(0)).optional().describe('event type → count in the window, for event_type conditions'),
});
