import { createHash } from 'node:crypto';
import type { OrgServiceContext } from '../../core/context.ts';
import type { Executor } from '../../core/database.ts';
import { type AlertRow, findAlertToExtend, insertAlert, lockAlertFingerprint, updateAlert } from '../../db/repos/alerts.repo.ts';
import { ALERT_MERGE_SECONDS } from '../detection/index.ts';
import { loadUserIds } from '../identity/index.ts';
import { alertEventData, emitWebhookEvent } from '../webhooks/index.ts';
import { ALERT_SEVERITIES, type AlertDto, type AlertSeverity, toAlertDto } from './alert.dto.ts';
import { recordAlertChange } from './alert-change.ts';

export type ReportedAlert = {
  title: string;
  description?: string | null | undefined;
  source: string;
  category: string;
  severity: AlertSeverity;
  url?: string | null | undefined;
  sender?: string | null | undefined;
  username?: string | null | undefined;
  hostname?: string | null | undefined;
};

/**
 * What makes two reports "the same alert": source, category, title and the four indicators. The
 * description and severity are not part of it: a repeat updates the description and keeps the worst severity.
 */
export function reportedFingerprint(input: ReportedAlert): string {
  const key = JSON.stringify([
    input.source,
    input.category,
    input.title,
    input.url ?? null,
    input.sender ?? null,
    input.username ?? null,
    input.hostname ?? null,
  ]);
  return `manual|${createHash('sha256').update(key).digest('hex').slice(0, 32)}`;
}

const worse = (a: string, b: AlertSeverity): AlertSeverity =>
  ALERT_SEVERITIES.indexOf(a as AlertSeverity) >= ALERT_SEVERITIES.indexOf(b) ? (a as AlertSeverity) : b;

/**
 * POST /alerts. An identical report within ALERT_MERGE_SECONDS of the alert's last sighting (and while
 * it is not closed) adds an occurrence to it instead of opening a new alert, like detector firings do.
 */
export function reportAlert(ctx: OrgServiceContext, input: ReportedAlert): Promise<{ alert: AlertDto; created: boolean }> {
  const fingerprint = reportedFingerprint(input);
  return ctx.deps.db.transaction().execute(async (trx) => {
    await lockAlertFingerprint(trx, ctx.orgId, fingerprint);
    const now = new Date();
    const existing = await findAlertToExtend(trx, ctx.orgId, fingerprint, new Date(now.getTime() - ALERT_MERGE_SECONDS * 1000));
    const extended = existing ? await addOccurrence(trx, ctx, existing, input, now) : undefined;
    if (extended) return { alert: toAlertDto(extended, await loadUserIds(trx, ctx.orgId, [extended.assigned_to])), created: false };
    const alert = await insertAlert(trx, ctx.orgId, {
      fingerprint,
      source: input.source,
      title: input.title,
      description: input.description ?? null,
      category: input.category,
      severity: input.severity,
      url: input.url ?? null,
      sender: input.sender ?? null,
      username: input.username ?? null,
      hostname: input.hostname ?? null,
      ...entityOf(input),
      occurrences: 1,
      first_seen_at: now,
      last_seen_at: now,
      owner_id: ctx.principal.actorType === 'user' ? ctx.principal.actorId : null,
    });
    await recordAlertChange(trx, ctx, alert.id, {
      kind: 'created',
      auditAction: 'alert.created',
      detail: { source: input.source, category: input.category, severity: input.severity },
    });
    await emitWebhookEvent(trx, ctx.orgId, 'alert.created', alertEventData(alert));
    return { alert: toAlertDto(alert, await loadUserIds(trx, ctx.orgId, [alert.assigned_to])), created: true };
  });
}

async function addOccurrence(trx: Executor, ctx: OrgServiceContext, existing: AlertRow, input: ReportedAlert, now: Date): Promise<AlertRow | undefined> {
  const severity = worse(existing.severity, input.severity);
  const updated = await updateAlert(trx, ctx.orgId, existing.id, {
    occurrences: existing.occurrences + 1,
    last_seen_at: now,
    severity,
    ...(input.description ? { description: input.description } : {}),
  });
  if (!updated) return undefined;
  await recordAlertChange(trx, ctx, existing.id, {
    kind: 'occurrence',
    auditAction: 'alert.occurrence',
    detail: { occurrences: updated.occurrences },
    ...(severity !== existing.severity ? { changes: { severity: { from: existing.severity, to: severity } } } : {}),
  });
  return updated;
}

function entityOf(input: ReportedAlert): { entity_type: string | null; entity_value: string | null } {
  if (input.hostname) return { entity_type: 'host', entity_value: input.hostname };
  if (input.username) return { entity_type: 'user', entity_value: input.username };
  return { entity_type: null, entity_value: null };
}
