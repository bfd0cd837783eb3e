import type { OrgServiceContext } from '../../core/context.ts';
import type { Executor } from '../../core/database.ts';
import { isAppError } from '../../core/errors.ts';
import { lockRuleByExternalId, type RuleKind, type RuleRow } from '../../db/repos/rules.repo.ts';
import type { RuleProblem } from '../../engines/rules/types.ts';
import type { ImportedRule } from './import-sigma.ts';
import { describeProblem } from './rule-errors.ts';
import type { RuleImportReport } from './rule-import.dto.ts';
import { insertCheckedRule, updateCheckedRule } from './save-rule.ts';

type Section = RuleImportReport['rejected'][number]['section'];

function conflict(existing: RuleRow, pack: string | null): string | null {
  if (existing.pack === pack) return null;
  return existing.pack === null
    ? `a rule with this id already exists in the library (rule ${existing.public_id})`
    : `names a rule of the bundled pack '${existing.pack}', which is read-only`;
}

/**
 * Saves one imported entry (an import's or a pack's): upserted by its id within its kind, through the same gate as
 * every rule write, and reported as created, updated or rejected with its reasons (Sigma lines in the whole text).
 * A pack only ever updates its own rules; an import never updates a pack's.
 */
export async function saveImportedEntry(
  trx: Executor,
  ctx: OrgServiceContext,
  entry: ImportedRule,
  report: RuleImportReport,
  pack: string | null,
): Promise<void> {
  const { section, index, draft } = entry;
  const reject = (reasons: string[]) => report.rejected.push({ section: section as Section, index, id: draft.externalId, reasons });
  try {
    const existing = draft.externalId === null ? undefined : await lockRuleByExternalId(trx, ctx.orgId, draft.kind as RuleKind, draft.externalId);
    const clash = existing ? conflict(existing, pack) : null;
    if (clash) return void reject([clash]);
    const { kind: _kind, pack: _pack, externalId: _id, ...change } = draft;
    const row = existing ? await updateCheckedRule(trx, ctx, existing, change) : await insertCheckedRule(trx, ctx, draft);
    (existing ? report.updated : report.created).push({
      section,
      index,
      id: draft.externalId,
      rule_id: row.public_id,
      type: row.kind,
      title: row.title,
      enabled: row.enabled,
      executable: row.executable,
      problems: (row.problems as RuleProblem[]).map(describeProblem),
    });
  } catch (error) {
    if (!isAppError(error)) throw error;
    const problems = error.details?.problems as RuleProblem[] | undefined;
    const offset = entry.lineOffset ?? 0;
    reject(
      problems
        ? problems.map((problem) => describeProblem({ ...problem, line: problem.line === null ? null : problem.line + offset }))
        : (error.issues?.map((issue) => `${issue.path}: ${issue.message}`) ?? [error.message]),
    );
  }
}
