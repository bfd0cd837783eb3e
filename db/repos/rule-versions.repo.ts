import type { Selectable } from 'kysely';
import type { Executor, OrgId } from '../../core/database.ts';
import type { RuleVersions } from '../schema.generated.ts';
import type { RuleRow } from './rules.repo.ts';

export type RuleVersionRow = Selectable<RuleVersions>;

/** Keeps the rule's current source as its version (on create and on every change of source). */
export async function recordRuleVersion(db: Executor, orgId: OrgId, rule: RuleRow, createdBy: string | null): Promise<void> {
  await db
    .insertInto('rule_versions')
    .values({
      rule_id: rule.id,
      org_id: orgId,
      version: rule.version,
      format: rule.format,
      source: rule.source,
      body: JSON.stringify(rule.body),
      created_by: createdBy,
    })
    .onConflict((oc) => oc.columns(['rule_id', 'version']).doNothing())
    .execute();
}

export function findRuleVersion(db: Executor, orgId: OrgId, ruleId: string, version: number): Promise<RuleVersionRow | undefined> {
  return db
    .selectFrom('rule_versions')
    .selectAll()
    .where('rule_versions.org_id', '=', orgId)
    .where('rule_versions.rule_id', '=', ruleId)
    .where('rule_versions.version', '=', version)
    .executeTakeFirst();
}
