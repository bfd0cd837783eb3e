import type { OrgServiceContext } from '../../core/context.ts';
import { AppError, isAppError } from '../../core/errors.ts';
import { latestIncident } from '../../db/queries/triggers.ts';
import { findIncident } from '../../db/repos/incidents.repo.ts';
import { findTrigger, triggerLimits } from '../../db/repos/workflow-triggers.repo.ts';
import { compileMatcher, evaluateTrigger, eventCountKey, type TriggerFacts, type TriggerIncident } from '../../engines/triggers/index.ts';
import { planSteps, type WorkflowStepInput } from '../response/index.ts';
import { templatedSteps } from './fire-trigger.ts';
import { incidentFacts } from './incident-facts.ts';
import type { TriggerSimulationDto } from './trigger.dto.ts';
import { triggerNotFound } from './trigger-errors.ts';

/** An incident described inline (what-if): absent fields are empty; event_counts gives the count of each event type in any window. */
export type InlineIncident = Partial<Omit<TriggerIncident, 'id'>> & { event_counts?: Record<string, number> | undefined };

export type SimulationTarget = { incidentId?: number | undefined; incident?: InlineIncident | undefined };

function inlineFacts(inline: InlineIncident, conditions: { eventCount?: { eventType: string; windowSeconds: number } }): TriggerFacts {
  const now = new Date().toISOString();
  const incident: TriggerIncident = {
    id: 0,
    title: inline.title ?? '',
    severity: inline.severity ?? 'medium',
    escalation_level: inline.escalation_level ?? inline.severity ?? 'medium',
    risk_score: inline.risk_score ?? 0,
    threat_category: inline.threat_category ?? '',
    reason: inline.reason ?? inline.title ?? '',
    src_ip: inline.src_ip ?? '',
    status: inline.status ?? 'open',
    event_count: inline.event_count ?? 0,
    alert_count: inline.alert_count ?? 0,
    tags: inline.tags ?? [],
    mitre: inline.mitre ?? [],
    sources: inline.sources ?? [],
    created_at: inline.created_at ?? now,
    updated_at: inline.updated_at ?? now,
  };
  const eventCounts: Record<string, number> = {};
  if (conditions.eventCount) {
    const { eventType, windowSeconds } = conditions.eventCount;
    eventCounts[eventCountKey(eventType, windowSeconds)] = inline.event_counts?.[eventType] ?? 0;
  }
  return { incident, change: 'simulation', eventCounts };
}

function planOf(steps: readonly WorkflowStepInput[]): { destructive: string[]; problems: string[] } {
  try {
    const planned = planSteps(steps);
    return { destructive: planned.filter((step) => step.high).map((step) => step.action_type), problems: [] };
  } catch (error) {
    if (!isAppError(error)) throw error;
    return { destructive: [], problems: [error.message] };
  }
}

/**
 * POST /api/triggers/{id}/simulate: evaluates the trigger for real against an incident (given by id, described
 * inline, or the organisation's latest) and answers which conditions held, whether it would fire and start by
 * itself, the templated steps, and whether the cooldown or the daily limit would hold it back. It writes nothing.
 */
export async function simulateTrigger(ctx: OrgServiceContext, triggerId: number, target: SimulationTarget): Promise<TriggerSimulationDto> {
  const db = ctx.deps.db;
  const trigger = await findTrigger(db, ctx.orgId, triggerId);
  if (!trigger) throw triggerNotFound(triggerId);
  const { matcher, issues } = compileMatcher(trigger.conditions, trigger.expression);
  if (!matcher)
    throw new AppError('PRECONDITION_FAILED', `Trigger ${triggerId} no longer compiles: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);

  let facts: TriggerFacts;
  let incidentId: number | null = null;
  if (target.incident !== undefined && target.incidentId === undefined) {
    facts = inlineFacts(target.incident, matcher.conditions);
  } else {
    const row = target.incidentId === undefined ? await latestIncident(db, ctx.orgId) : await findIncident(db, ctx.orgId, target.incidentId);
    if (!row) {
      if (target.incidentId !== undefined) throw new AppError('NOT_FOUND', `Incident ${target.incidentId} not found`);
      throw new AppError('VALIDATION_FAILED', 'incident_id: the organisation has no incident yet; send incident_id or an incident object', {
        issues: [{ path: 'incident_id', message: 'no incident to simulate against' }],
      });
    }
    incidentId = Number(row.id);
    facts = await incidentFacts(db, ctx.orgId, row, 'simulation', [matcher]);
  }

  const evaluation = evaluateTrigger(matcher, facts);
  const limits = (await triggerLimits(db, ctx.orgId, triggerId)) ?? {
    cooldown_remaining_seconds: 0,
    fires_today: 0,
    max_triggers_per_day: trigger.max_triggers_per_day,
  };
  const withinRateLimit = limits.cooldown_remaining_seconds === 0 && limits.fires_today < limits.max_triggers_per_day;
  const steps = templatedSteps(trigger, facts, new Date());
  const { destructive, problems } = planOf(steps);
  const live = trigger.enabled && trigger.status === 'active';
  const wouldFire = live && evaluation.matched && withinRateLimit;
  const approvalRequired = destructive.length > 0;
  return {
    trigger_id: trigger.id,
    trigger_name: trigger.name,
    incident_id: incidentId,
    conditions_met: evaluation.matched,
    conditions: evaluation.conditions,
    expression: evaluation.expression,
    would_fire: wouldFire,
    would_execute: wouldFire && trigger.auto_execute && !approvalRequired && problems.length === 0,
    workflow_steps: steps as Record<string, unknown>[],
    estimated_duration_seconds: 30 * steps.length,
    required_approvals: approvalRequired ? 1 : 0,
    safety_checks: {
      destructive_actions: destructive,
      approval_required: approvalRequired,
      within_rate_limit: withinRateLimit,
      cooldown_remaining_seconds: limits.cooldown_remaining_seconds,
      fires_today: limits.fires_today,
      max_triggers_per_day: limits.max_triggers_per_day,
    },
    problems,
    agent_readiness: problems.length === 0 ? { ready: true, reason: 'every step is an action Vigil executes' } : { ready: false, reason: problems.join('; ') },
    simulation_timestamp: new Date().toISOString(),
  };
}
