import type { Insertable, Selectable } from 'kysely';
import type { Executor, OrgId } from '../../core/database.ts';
import type { AlertEscalations } from '../schema.generated.ts';

export type AlertEscalationRow = Selectable<AlertEscalations>;
export type AlertEscalationInsert = Omit<Insertable<AlertEscalations>, 'id' | 'org_id' | 'created_at'>;

export function insertAlertEscalation(db: Executor, orgId: OrgId, values: AlertEscalationInsert): Promise<AlertEscalationRow> {
  return db
    .insertInto('alert_escalations')
    .values({ ...values, org_id: orgId })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function listAlertEscalations(db: Executor, orgId: OrgId, alertId: number, limit: number): Promise<AlertEscalationRow[]> {
  return db
    .selectFrom('alert_escalations')
    .selectAll()
    .where('alert_escalations.org_id', '=', orgId)
    .where('alert_escalations.alert_id', '=', alertId)
    .orderBy('alert_escalations.id')
    .limit(limit)
    .execute();
}
