import type { Selectable } from 'kysely';
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

export async function addIncidentItem(db: Executor, orgId: OrgId, incidentId: number, item: { kind: string; refId: string }): Promise<ItemRow> {
  const inserted = await db
    .insertInto('incident_items')
    .values({ org_id: orgId, incident_id: incidentId, kind: item.kind, ref_id: item.refId })
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
