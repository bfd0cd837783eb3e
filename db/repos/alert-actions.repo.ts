import type { Insertable, Selectable } from 'kysely';
import type { Executor, OrgId } from '../../core/database.ts';
import type { AlertActions } from '../schema.generated.ts';

export type AlertActionRow = Selectable<AlertActions>;
export type AlertActionInsert = Omit<Insertable<AlertActions>, 'id' | 'org_id' | 'created_at' | 'updated_at' | 'status'>;

export function insertAlertAction(db: Executor, orgId: OrgId, values: AlertActionInsert): Promise<AlertActionRow> {
  return db
    .insertInto('alert_actions')
    .values({ ...values, org_id: orgId })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A request for the same action on the same target of the same alert that nothing has picked up yet. */
export function findPendingAlertAction(db: Executor, orgId: OrgId, alertId: number, action: string, target: string): Promise<AlertActionRow | undefined> {
  return db
    .selectFrom('alert_actions')
    .selectAll()
    .where('alert_actions.org_id', '=', orgId)
    .where('alert_actions.alert_id', '=', alertId)
    .where('alert_actions.action', '=', action)
    .where('alert_actions.target', '=', target)
    .where('alert_actions.status', '=', 'requested')
    .orderBy('alert_actions.id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export function listAlertActions(db: Executor, orgId: OrgId, alertId: number, limit: number): Promise<AlertActionRow[]> {
  return db
    .selectFrom('alert_actions')
    .selectAll()
    .where('alert_actions.org_id', '=', orgId)
    .where('alert_actions.alert_id', '=', alertId)
    .orderBy('alert_actions.id')
    .limit(limit)
    .execute();
}
