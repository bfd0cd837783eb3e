import type { ServiceDeps } from '../../core/context.ts';
import type { OrgId } from '../../core/database.ts';
import { findIncident } from '../../db/repos/incidents.repo.ts';
import { listLiveTriggers, type TriggerRow } from '../../db/repos/workflow-triggers.repo.ts';
import { byPriority, compileMatcher, evaluateTrigger, type TriggerMatcher } from '../../engines/triggers/index.ts';
import { type FireResult, fireTrigger, type IncidentChange } from './fire-trigger.ts';
import { incidentFacts } from './incident-facts.ts';

export type EvaluationRequest = { incidentId: number; change: IncidentChange['change']; changeKey: string };
export type EvaluationReport = { incidentId: number; evaluated: number; matched: number; results: (FireResult & { triggerId: number })[] };

/** When the change happened: the change key carries it for updates (`updated:<epoch ms>`), a creation is the incident's. */
function changedAt(changeKey: string, fallback: Date): Date {
  const ms = Number(changeKey.split(':')[1]);
  return Number.isFinite(ms) && ms > 0 ? new Date(ms) : fallback;
}

/**
 * The triggers__evaluate job: the organisation's live triggers, highest priority first (critical > high > medium >
 * low), evaluated against the incident as it now is; each one that matches fires once for this change (see
 * fireTrigger). Re-running the same job changes nothing. A stored trigger that no longer compiles is skipped and logged.
 */
export async function evaluateIncidentTriggers(deps: ServiceDeps, orgId: OrgId, request: EvaluationRequest): Promise<EvaluationReport> {
  const report: EvaluationReport = { incidentId: request.incidentId, evaluated: 0, matched: 0, results: [] };
  const incident = await findIncident(deps.db, orgId, request.incidentId);
  if (!incident) return report;
  const triggers: { row: TriggerRow; matcher: TriggerMatcher }[] = [];
  for (const row of byPriority(await listLiveTriggers(deps.db, orgId))) {
    const { matcher, issues } = compileMatcher(row.conditions, row.expression);
    if (matcher) triggers.push({ row, matcher });
    else deps.logger.warn({ orgId, triggerId: row.id, issues }, 'trigger skipped: its conditions no longer compile');
  }
  if (triggers.length === 0) return report;
  const facts = await incidentFacts(
    deps.db,
    orgId,
    incident,
    request.change,
    triggers.map((trigger) => trigger.matcher),
  );
  const change: IncidentChange = {
    ...request,
    changedAt: request.change === 'created' ? incident.created_at : changedAt(request.changeKey, incident.updated_at),
  };
  for (const { row, matcher } of triggers) {
    report.evaluated++;
    if (!evaluateTrigger(matcher, facts).matched) continue;
    report.matched++;
    const result = await fireTrigger(deps, orgId, row.id, facts, change);
    report.results.push({ triggerId: row.id, ...result });
    if (result.outcome !== 'already_fired' && result.outcome !== 'not_live') {
      deps.logger.info({ orgId, triggerId: row.id, incidentId: request.incidentId, change: request.changeKey, ...result }, 'trigger evaluated');
    }
  }
  return report;
}
