import type { ServiceContext } from '../../core/context.ts';
import type { Executor, OrgId } from '../../core/database.ts';
import { insertAlertHistory } from '../../db/repos/alert-history.repo.ts';
import { insertAlert } from '../../db/repos/alerts.repo.ts';
import { recordAudit } from '../identity/index.ts';
import { alertEventData, emitWebhookEvent } from '../webhooks/index.ts';
import type { AlertSeverity } from './alert.dto.ts';

/** An alert a machine raises (a scheduled hunt), with its own fingerprint and evidence. */
export type RaisedAlert = {
  fingerprint: string;
  source: string;
  detector: string;
  title: string;
  description: string;
  category: string;
  severity: AlertSeverity;
  mitre: readonly string[];
  evidence: readonly Record<string, unknown>[];
  firstSeen: Date;
  lastSeen: Date;
};

/**
 * Opens one new alert in the caller's transaction: its history and the audit log name the machine actor, and the
 * `alert.created` webhook is queued with it, as for a reported alert. No incident is opened: like POST /alerts, the
 * alert waits in the queue for an analyst to escalate it.
 */
export async function raiseAlert(trx: Executor, ctx: ServiceContext, orgId: OrgId, actor: { type: string; id: string }, alert: RaisedAlert): Promise<number> {
  const row = await insertAlert(trx, orgId, {
    fingerprint: alert.fingerprint,
    source: alert.source,
    detector: alert.detector,
    title: alert.title,
    description: alert.description,
    category: alert.category,
    severity: alert.severity,
    mitre: [...alert.mitre],
    evidence: JSON.stringify(alert.evidence),
    occurrences: 1,
    first_seen_at: alert.firstSeen,
    last_seen_at: alert.lastSeen,
  });
  const detail = { source: alert.source, category: alert.category, severity: alert.severity };
  await insertAlertHistory(trx, orgId, row.id, { actorType: actor.type, actorId: actor.id, kind: 'created', detail });
  await recordAudit(trx, ctx, { orgId, action: 'alert.created', actor, target: { type: 'alert', id: String(row.id) }, details: detail });
  await emitWebhookEvent(trx, orgId, 'alert.created', alertEventData(row));
  return Number(row.id);
}
