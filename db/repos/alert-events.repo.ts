import type { Executor, OrgId } from '../../core/database.ts';
import { chunks } from '../chunks.ts';

export async function countAlertEvents(db: Executor, orgId: OrgId, alertId: number): Promise<number> {
  const row = await db
    .selectFrom('alert_events')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('alert_events.org_id', '=', orgId)
    .where('alert_events.alert_id', '=', alertId)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export function listAlertEventIds(db: Executor, orgId: OrgId, alertId: number, limit: number): Promise<{ event_id: number; occurred_at: Date }[]> {
  return db
    .selectFrom('alert_events')
    .select(['alert_events.event_id', 'alert_events.occurred_at'])
    .where('alert_events.org_id', '=', orgId)
    .where('alert_events.alert_id', '=', alertId)
    .orderBy('alert_events.occurred_at', 'desc')
    .limit(limit)
    .execute();
}

export async function insertAlertEventLinks(
  db: Executor,
  orgId: OrgId,
  links: readonly { alertId: number; eventId: number; occurredAt: Date }[],
): Promise<void> {
  for (const part of chunks(links)) {
    await db
      .insertInto('alert_events')
      .values(part.map((link) => ({ org_id: orgId, alert_id: link.alertId, event_id: link.eventId, occurred_at: link.occurredAt })))
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
}
