import type { Insertable, Selectable } from 'kysely';
import type { Executor, OrgId } from '../../core/database.ts';
import type { AuditLog } from '../schema.generated.ts';

export type AuditRow = Selectable<AuditLog>;
export type AuditInsert = Omit<Insertable<AuditLog>, 'id' | 'created_at'>;

export async function insertAuditRow(db: Executor, row: AuditInsert): Promise<void> {
  await db.insertInto('audit_log').values(row).execute();
}

export function listAuditRows(
  db: Executor,
  orgId: OrgId,
  page: { limit: number; beforeId?: number | undefined; action?: string | undefined },
): Promise<AuditRow[]> {
  let query = db.selectFrom('audit_log').selectAll().where('audit_log.org_id', '=', orgId);
  if (page.beforeId !== undefined) query = query.where('audit_log.id', '<', page.beforeId);
  if (page.action !== undefined) query = query.where('audit_log.action', '=', page.action);
  return query.orderBy('audit_log.id', 'desc').limit(page.limit).execute();
}
