import type { Selectable } from 'kysely';
import type { Executor, OrgId } from '../../core/database.ts';
import type { AlertHistory } from '../schema.generated.ts';

export type AlertHistoryRow = Selectable<AlertHistory>;
export type AlertHistoryEntry = {
  actorType: string;
  actorId: string | null;
  kind: string;
  changes?: Record<string, { from: unknown; to: unknown }>;
  detail?: Record<string, unknown>;
};

export async function insertAlertHistory(db: Executor, orgId: OrgId, alertId: number, entry: AlertHistoryEntry): Promise<void> {
  await db
    .insertInto('alert_history')
    .values({
      org_id: orgId,
      alert_id: alertId,
      actor_type: entry.actorType,
      actor_id: entry.actorId,
      kind: entry.kind,
      changes: JSON.stringify(entry.changes ?? {}),
      detail: JSON.stringify(entry.detail ?? {}),
    })
    .execute();
}

/** The alert's most recent history entries, oldest first. */
export async function listAlertHistory(db: Executor, orgId: OrgId, alertId: number, limit: number): Promise<AlertHistoryRow[]> {
  const rows = await db
    .selectFrom('alert_history')
    .selectAll()
    .where('alert_history.org_id', '=', orgId)
    .where('alert_history.alert_id', '=', alertId)
    .orderBy('alert_history.id', 'desc')
    .limit(limit)
    .execute();
  return rows.reverse();
}
