import type { RuleRow } from '../../db/repos/rules.repo.ts';
import type { RuleFormat, RuleInput } from '../../engines/rules/program.ts';
import type { RuleLevel } from '../../engines/rules/types.ts';

/** A stored rule as the engine compiles it. */
export function ruleInputOf(row: Pick<RuleRow, 'id' | 'format' | 'source' | 'title' | 'severity'> & { body: unknown }): RuleInput {
  const body = (row.body ?? {}) as Record<string, unknown>;
  return {
    key: row.id,
    format: row.format as RuleFormat,
    source: row.source,
    conditions: body.conditions,
    title: row.title,
    level: row.severity as RuleLevel,
  };
}
