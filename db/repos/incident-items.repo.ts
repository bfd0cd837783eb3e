import { type Selectable, sql } from 'kysely';
import type { Executor, OrgId } from '../../core/database.ts';
import type { IncidentItems } from '../schema.generated.ts';

export function findIncidentItem(db: Executor, orgId: OrgId, incidentId: number, item: { kind: string; refId: string }): Promise<ItemRow | undefined> {
  return db
    .selectFrom('incident_items')
    .selectAll()
    .where('incident_items.org_id', '=', orgId)
    .where('incident_items.incident_id', '=', incidentId)
    .where('incident_items.kind', '=', item.kind)
    .where('incident_items.ref_id', '=', item.refId)
    .executeTakeFirst();
}

export type ItemRow = Selectable<IncidentItems>;

const EVENT_KINDS = ['event', 'network_event'];

/** An event item keeps the event's occurred_at (as alert_events does), so reading the incident's events can prune partitions. */
function eventTime(orgId: OrgId, item: { kind: string; refId: string }) {
  if (!EVENT_KINDS.includes(item.kind) || !/^[1-9]\d{0,15}$/.test(item.refId)) return null;
  return sql<Date>`(select events.occurred_at from events where events.org_id = ${orgId} and events.id = ${Number(item.refId)} limit 1)`;
}

export async function addIncidentItem(db: Executor, orgId: OrgId, incidentId: number, item: { kind: string; refId: string }): Promise<ItemRow> {
  const inserted = await db
    .insertInto('incident_items')
    .values({ org_id: orgId, incident_id: incidentId, kind: item.kind, ref_id: item.refId, occurred_at: eventTime(orgId, item) })
    .onConflict((oc) => oc.columns(['incident_id', 'kind', 'ref_id']).doNothing())
    .returningAll()
    .executeTakeFirst();
  if (inserted) return inserted;
  const existing = await findIncidentItem(db, orgId, incidentId, item);
  if (!existing) throw new Error(`incident item ${item.kind}:${item.refId} vanished`);
  return existing;
}

export function listIncidentItems(db: Executor, orgId: OrgId, incidentIds: readonly number[]): Promise<ItemRow[]> {
  if (incidentIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('incident_items')
    .selectAll()
    .where('incident_items.org_id', '=', orgId)
    .where('incident_items.incident_id', 'in', [...incidentIds])
    .orderBy('incident_items.id')
    .execute();
}
