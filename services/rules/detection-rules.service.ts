import type { OrgServiceContext } from '../../core/context.ts';
import { listRules } from '../../db/repos/rules.repo.ts';
import { type DetectionRuleDto, type RuleSample, type RuleSeverity, toDetectionRuleDto } from './rule.dto.ts';
import { insertCheckedRule } from './save-rule.ts';

export const MAX_LISTED_RULES = 1000;

export type DetectionRuleCreate = {
  name: string;
  description?: string | null | undefined;
  severity: RuleSeverity;
  enabled: boolean;
  conditions: Record<string, unknown>;
  create_incident: boolean;
  tests?: RuleSample[] | undefined;
};

/** GET /rules/detections: the organisation's EventSec-style condition rules. */
export async function listDetectionRules(ctx: OrgServiceContext): Promise<DetectionRuleDto[]> {
  const rows = await listRules(ctx.deps.db, ctx.orgId, { kinds: ['detection'] }, MAX_LISTED_RULES);
  return rows.map(toDetectionRuleDto);
}

/** POST /rules/detections: EventSec conditions (every key must hold; exact equality, a list is membership), run for real. */
export function createDetectionRule(ctx: OrgServiceContext, input: DetectionRuleCreate): Promise<DetectionRuleDto> {
  return ctx.deps.db.transaction().execute(async (trx) => {
    const row = await insertCheckedRule(trx, ctx, {
      kind: 'detection',
      title: input.name,
      description: input.description ?? null,
      severity: input.severity,
      enabled: input.enabled,
      format: 'conditions',
      source: JSON.stringify(input.conditions),
      body: { conditions: input.conditions, create_incident: input.create_incident },
      tests: input.tests ?? [],
      externalId: null,
      pack: null,
    });
    return toDetectionRuleDto(row);
  });
}
