import { type Insertable, type Selectable, sql, type Updateable } from 'kysely';
import type { Executor, OrgId } from '../../core/database.ts';
import type { Rules } from '../schema.generated.ts';

export type RuleRow = Selectable<Rules>;
export type NewRule = Omit<Insertable<Rules>, 'org_id' | 'public_id' | 'version' | 'created_at' | 'updated_at'>;
export type RuleChange = Omit<Updateable<Rules>, 'org_id' | 'id' | 'public_id' | 'kind' | 'created_at' | 'version' | 'updated_at'>;

export const RULE_KINDS = ['detection', 'analytic', 'correlation', 'analytics', 'bioc'] as const;
export type RuleKind = (typeof RULE_KINDS)[number];

export function insertRule(db: Executor, orgId: OrgId, rule: NewRule): Promise<RuleRow> {
  return db
    .insertInto('rules')
    .values({ ...rule, org_id: orgId })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Applies a change and bumps the version when the executable source changed; returns the row after. */
export function updateRule(db: Executor, orgId: OrgId, id: string, change: RuleChange, newVersion: boolean): Promise<RuleRow> {
  return db
    .updateTable('rules')
    .set({ ...change, updated_at: sql`now()`, ...(newVersion ? { version: sql`version + 1` } : {}) })
    .where('rules.org_id', '=', orgId)
    .where('rules.id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

const byPublicId = (db: Executor, orgId: OrgId, publicId: number, kinds: readonly RuleKind[]) =>
  db
    .selectFrom('rules')
    .selectAll()
    .where('rules.org_id', '=', orgId)
    .where('rules.public_id', '=', publicId)
    .where('rules.kind', 'in', [...kinds]);

export function findRuleByPublicId(db: Executor, orgId: OrgId, publicId: number, kinds: readonly RuleKind[]): Promise<RuleRow | undefined> {
  return byPublicId(db, orgId, publicId, kinds).executeTakeFirst();
}

export function lockRuleByPublicId(db: Executor, orgId: OrgId, publicId: number, kinds: readonly RuleKind[]): Promise<RuleRow | undefined> {
  return byPublicId(db, orgId, publicId, kinds).forUpdate().executeTakeFirst();
}

export function lockRuleByExternalId(db: Executor, orgId: OrgId, kind: RuleKind, externalId: string): Promise<RuleRow | undefined> {
  return db
    .selectFrom('rules')
    .selectAll()
    .where('rules.org_id', '=', orgId)
    .where('rules.kind', '=', kind)
    .where('rules.external_id', '=', externalId)
    .forUpdate()
    .executeTakeFirst();
}

export type RuleFilter = {
  kinds: readonly RuleKind[];
  search?: string | undefined;
  severity?: string | undefined;
  enabled?: boolean | undefined;
  packOnly?: boolean;
};

export function listRules(db: Executor, orgId: OrgId, filter: RuleFilter, limit: number): Promise<RuleRow[]> {
  let query = db
    .selectFrom('rules')
    .selectAll()
    .where('rules.org_id', '=', orgId)
    .where('rules.kind', 'in', [...filter.kinds]);
  if (filter.search) query = query.where('rules.title', 'ilike', `%${filter.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  if (filter.severity) query = query.where('rules.severity', '=', filter.severity);
  if (filter.enabled !== undefined) query = query.where('rules.enabled', '=', filter.enabled);
  if (filter.packOnly) query = query.where('rules.pack', 'is not', null);
  return query.orderBy('rules.public_id').limit(limit).execute();
}

/** Every enabled rule of the organisation (what the continuous detection runs). */
export function listEnabledRules(db: Executor, orgId: OrgId): Promise<RuleRow[]> {
  return db.selectFrom('rules').selectAll().where('rules.org_id', '=', orgId).where('rules.enabled', '=', true).orderBy('rules.public_id').execute();
}

/** Rules by internal id (correlations resolve their references through these). */
export function listRulesByIds(db: Executor, orgId: OrgId, ids: readonly string[]): Promise<RuleRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('rules')
    .selectAll()
    .where('rules.org_id', '=', orgId)
    .where('rules.id', 'in', [...ids])
    .execute();
}

/** A cheap fingerprint of the organisation's rules (any change, enabling included, changes it): compiled plans are cached under it. */
export async function rulesStamp(db: Executor, orgId: OrgId): Promise<string> {
  const row = await db
    .selectFrom('rules')
    .select([
      (eb) => eb.fn.countAll<number>().as('count'),
      sql<string>`coalesce(max(updated_at)::text, '')`.as('latest'),
      sql<string>`coalesce(sum(version), 0)::text`.as('versions'),
    ])
    .where('rules.org_id', '=', orgId)
    .executeTakeFirstOrThrow();
  return `${row.count}|${row.latest}|${row.versions}`;
}

/** Sigma rules an organisation can reference by Sigma id (external_id) or name (body.sigma_name). */
export function listRulesBySigmaRefs(db: Executor, orgId: OrgId, refs: readonly string[]): Promise<RuleRow[]> {
  if (refs.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('rules')
    .selectAll()
    .where('rules.org_id', '=', orgId)
    .where('rules.format', '=', 'sigma')
    .where((eb) => eb.or([eb('rules.external_id', 'in', [...refs]), eb(sql<string>`rules.body ->> 'sigma_name'`, 'in', [...refs])]))
    .execute();
}

/** Enables or disables every rule of a bundled pack in the organisation; returns how many changed. */
export async function setPackEnabled(db: Executor, orgId: OrgId, pack: string, enabled: boolean): Promise<number> {
  const result = await db
    .updateTable('rules')
    .set({ enabled, updated_at: sql`now()` })
    .where('rules.org_id', '=', orgId)
    .where('rules.pack', '=', pack)
    .where('rules.enabled', '=', !enabled)
    .where((eb) => (enabled ? eb('rules.executable', '=', true) : eb.val(true)))
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
