import { randomUUID } from 'node:crypto';
import type { OrgServiceContext } from '../../core/context.ts';
import type { Executor } from '../../core/database.ts';
import { recordRuleVersion } from '../../db/repos/rule-versions.repo.ts';
import { insertRule, type RuleKind, type RuleRow, updateRule } from '../../db/repos/rules.repo.ts';
import type { RuleFormat, RuleProgram } from '../../engines/rules/program.ts';
import { actorOf, recordAudit } from '../identity/index.ts';
import type { RULE_SEVERITIES, RuleSample } from './rule.dto.ts';
import { checkRule, type RuleCheck } from './rule-check.ts';
import { ruleNotRunnable, samplesFail } from './rule-errors.ts';
import { ruleInputOf } from './rule-input.ts';
import { failingSamples } from './rule-samples.ts';

export type RuleDraft = {
  kind: RuleKind;
  title: string;
  description: string | null;
  severity: (typeof RULE_SEVERITIES)[number];
  /** `when_executable`: enabled if it can run (legacy creates default to enabled; a rule that cannot run is kept disabled) */
  enabled: boolean | 'when_executable';
  format: RuleFormat;
  source: string;
  body: Record<string, unknown>;
  tests: RuleSample[];
  externalId: string | null;
  pack: string | null;
};

/** What a Sigma rule says about itself, kept with the rule (alerts show author and link, as the DRL asks). */
function sigmaFacts(program: RuleProgram | null): Record<string, unknown> {
  // EventSec conditions compile to a detection without Sigma metadata (and without refs)
  if (program === null || program.refs.length === 0) return {};
  const meta = program.kind === 'detection' ? program.rule.meta : program.kind === 'filter' ? program.filter.meta : program.document.meta;
  return {
    author: meta.author,
    link: meta.link,
    license: meta.license,
    sigma_id: meta.id,
    sigma_name: meta.name,
    sigma_status: meta.status,
    logsource: meta.logsource,
  };
}

/**
 * The one gate every rule write passes: the rule is compiled (problems kept with it), refused when it is to be enabled
 * but cannot run, refused when its tests fail; a changed source becomes a new version; the audit log records it.
 */
type Checked = { check: RuleCheck; enabled: boolean; format: RuleFormat };

async function checked(trx: Executor, ctx: OrgServiceContext, draft: RuleDraft & { id: string }): Promise<Checked> {
  const input = ruleInputOf({ id: draft.id, format: draft.format, source: draft.source, body: draft.body, title: draft.title, severity: draft.severity });
  const check = await checkRule(trx, ctx.orgId, input);
  if (draft.enabled === true && !check.executable) throw ruleNotRunnable('enabled', check.problems);
  if (check.plan && draft.tests.length > 0) {
    const failing = failingSamples(check.plan, draft.id, draft.tests, new Date());
    if (failing.length > 0) throw samplesFail(failing);
  }
  // free text (an analytics query, a BIOC's logic) that is Sigma is stored as Sigma: correlations and filters can name it
  const format = draft.format === 'text' && check.program !== null && check.program.refs.length > 0 ? 'sigma' : draft.format;
  return { check, enabled: draft.enabled === 'when_executable' ? check.executable : draft.enabled, format };
}

/** The columns a checked draft writes, on insert and on update alike. */
function checkedColumns(draft: RuleDraft, { check, enabled, format }: Checked) {
  return {
    title: draft.title,
    description: draft.description,
    severity: draft.severity,
    enabled,
    format,
    source: draft.source,
    body: JSON.stringify({ ...draft.body, ...sigmaFacts(check.program) }),
    tests: JSON.stringify(draft.tests),
    executable: check.executable,
    problems: JSON.stringify(check.problems),
  };
}

export async function insertCheckedRule(trx: Executor, ctx: OrgServiceContext, draft: RuleDraft): Promise<RuleRow> {
  const id = randomUUID();
  const result = await checked(trx, ctx, { ...draft, id });
  const { enabled, check } = result;
  const actor = actorOf(ctx);
  const row = await insertRule(trx, ctx.orgId, {
    id,
    kind: draft.kind,
    external_id: draft.externalId,
    ...checkedColumns(draft, result),
    pack: draft.pack,
    created_by: `${actor.type}:${actor.id}`,
  });
  await recordRuleVersion(trx, ctx.orgId, row, `${actor.type}:${actor.id}`);
  await recordAudit(trx, ctx, {
    orgId: ctx.orgId,
    action: 'rule.created',
    actor,
    target: { type: 'rule', id: String(row.public_id) },
    details: { kind: row.kind, enabled, executable: check.executable },
  });
  return row;
}

export type RuleChangeDraft = Partial<Omit<RuleDraft, 'kind' | 'pack' | 'externalId'>>;

/** Applies a change to a locked rule through the same gate; an unchanged source keeps its version. */
export async function updateCheckedRule(trx: Executor, ctx: OrgServiceContext, existing: RuleRow, change: RuleChangeDraft): Promise<RuleRow> {
  const draft: RuleDraft & { id: string } = {
    id: existing.id,
    kind: existing.kind as RuleKind,
    title: change.title ?? existing.title,
    description: change.description === undefined ? existing.description : change.description,
    severity: change.severity ?? (existing.severity as RuleDraft['severity']),
    enabled: change.enabled ?? existing.enabled,
    format: change.format ?? (existing.format as RuleFormat),
    source: change.source ?? existing.source,
    body: { ...(existing.body as Record<string, unknown>), ...change.body },
    tests: change.tests ?? (existing.tests as RuleSample[]),
    externalId: existing.external_id,
    pack: existing.pack,
  };
  const result = await checked(trx, ctx, draft);
  const { enabled, format } = result;
  const newVersion =
    draft.source !== existing.source ||
    format !== existing.format ||
    JSON.stringify(draft.body.conditions) !== JSON.stringify((existing.body as Record<string, unknown>).conditions);
  const actor = actorOf(ctx);
  const row = await updateRule(trx, ctx.orgId, existing.id, checkedColumns(draft, result), newVersion);
  if (newVersion) await recordRuleVersion(trx, ctx.orgId, row, `${actor.type}:${actor.id}`);
  await recordAudit(trx, ctx, {
    orgId: ctx.orgId,
    action: 'rule.updated',
    actor,
    target: { type: 'rule', id: String(row.public_id) },
    details: { enabled: { from: existing.enabled, to: enabled }, version: row.version },
  });
  return row;
}
