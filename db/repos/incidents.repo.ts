import { type Insertable, type Selectable, sql, type Updateable } from 'kysely';
import type { Executor, OrgId } from '../../core/database.ts';
import type { IncidentItems, Incidents, IncidentTimeline } from '../schema.generated.ts';
import { findIncidentItem } from './incident-links.repo.ts';

export type IncidentRow = Selectable<Incidents>;
export type IncidentInsert = Omit<Insertable<Incidents>, 'org_id' | 'id'>;
export type IncidentPatch = Omit<Updateable<Incidents>, 'id' | 'org_id' | 'created_at'>;
export type TimelineRow = Selectable<IncidentTimeline>;
export type ItemRow = Selectable<IncidentItems>;

export const ACTIVE_INCIDENT_STATUSES = ['open', 'investigating', 'contained'] as const;

export function insertIncident(db: Executor, orgId: OrgId, values: IncidentInsert): Promise<IncidentRow> {
  return db
    .insertInto('incidents')
    .values({ ...values, org_id: orgId })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function updateIncident(db: Executor, orgId: OrgId, incidentId: number, patch: IncidentPatch): Promise<IncidentRow | undefined> {
  return db
    .updateTable('incidents')
    .set({ ...patch, updated_at: sql`now()` })
    .where('incidents.org_id', '=', orgId)
    .where('incidents.id', '=', incidentId)
    .returningAll()
    .executeTakeFirst();
}

export function findIncident(db: Executor, orgId: OrgId, incidentId: number): Promise<IncidentRow | undefined> {
  return db.selectFrom('incidents').selectAll().where('incidents.org_id', '=', orgId).where('incidents.id', '=', incidentId).executeTakeFirst();
}

export async function appendTimeline(
  db: Executor,
  orgId: OrgId,
  incidentId: number,
  entry: { actorType: string; actorId: string | null; kind: string; detail?: Record<string, unknown> },
): Promise<void> {
  await db
    .insertInto('incident_timeline')
    .values({
      org_id: orgId,
      incident_id: incidentId,
      actor_type: entry.actorType,
      actor_id: entry.actorId,
      kind: entry.kind,
      detail: JSON.stringify(entry.detail ?? {}),
    })
    .execute();
}

export function listTimeline(db: Executor, orgId: OrgId, incidentId: number, limit: number): Promise<TimelineRow[]> {
  return db
    .selectFrom('incident_timeline')
    .selectAll()
    .where('incident_timeline.org_id', '=', orgId)
    .where('incident_timeline.incident_id', '=', incidentId)
    .orderBy('incident_timeline.at')
    .orderBy('incident_timeline.id')
    .limit(limit)
    .execute();
}

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
