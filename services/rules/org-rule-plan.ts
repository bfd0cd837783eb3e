import type { Executor, OrgId } from '../../core/database.ts';
import { listEnabledRules, type RuleRow, rulesStamp } from '../../db/repos/rules.repo.ts';
import { VIGIL_MAPPING } from '../../engines/rules/mapping/index.ts';
import { compileRuleInput, namedRulesOf } from '../../engines/rules/program.ts';
import type { RuleIdentity } from '../../engines/rules/rule-detections.ts';
import { planRules, type RulePlan } from '../../engines/rules/rule-plan.ts';
import type { RuleLevel, RuleMeta } from '../../engines/rules/types.ts';
import { asReferenced, referencedRules } from './referenced-rules.ts';
import { ruleInputOf } from './rule-input.ts';

export type OrgRules = { plan: RulePlan; identities: ReadonlyMap<string, RuleIdentity> };

// Compiled once per change of the organisation's rules, per process (the detection job runs on its worker thread).
const cache = new Map<OrgId, { stamp: string; rules: OrgRules }>();
const MAX_CACHED_ORGS = 500;

/**
 * The organisation's enabled rules, compiled and wired, with what their alerts show. Rules a correlation or filter
 * names are loaded too (they run for it even when disabled on their own).
 */
export async function loadOrgRules(db: Executor, orgId: OrgId): Promise<OrgRules> {
  const stamp = await rulesStamp(db, orgId);
  const cached = cache.get(orgId);
  if (cached?.stamp === stamp) return cached.rules;
  const enabled = await listEnabledRules(db, orgId);
  const compiled = new Map(enabled.map((row) => [row.id, compileRuleInput(ruleInputOf(row), VIGIL_MAPPING)] as const));
  const refs = [...compiled.values()].flatMap((result) => ('program' in result ? namedRulesOf(result.program) : []));
  const referenced = await referencedRules(db, orgId, refs, new Set(enabled.map((row) => row.id)));
  const plan = planRules([...enabled.map((row) => ({ input: ruleInputOf(row), enabled: true })), ...asReferenced(referenced)], VIGIL_MAPPING, compiled);
  const metas = new Map<string, RuleMeta>([...plan.detections].map(([key, rule]) => [key, rule.meta]));
  for (const { key, spec } of plan.correlations) metas.set(key, spec.meta);
  const identities = new Map(
    [...enabled, ...referenced].flatMap((row) => (metas.has(row.id) ? [[row.id, identityOf(row, metas.get(row.id) as RuleMeta)] as const] : [])),
  );
  const rules = { plan, identities };
  if (cache.size >= MAX_CACHED_ORGS) cache.delete(cache.keys().next().value as OrgId);
  cache.set(orgId, { stamp, rules });
  return rules;
}

export function identityOf(row: RuleRow, meta: RuleMeta): RuleIdentity {
  const body = (row.body ?? {}) as Record<string, unknown>;
  const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : null);
  return {
    id: row.id,
    publicId: row.public_id,
    version: row.version,
    title: row.title,
    author: text(body.author) ?? meta.author,
    link: text(body.link) ?? meta.link,
    license: text(body.license) ?? meta.license,
    severity: row.severity as RuleLevel,
    meta,
  };
}
