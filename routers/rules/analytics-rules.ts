import { z } from 'zod';
import { createAnalyticsRule, getAnalyticsRule, listAnalyticsRules, updateAnalyticsRule, ZAnalyticsRule } from '../../services/rules/index.ts';
import { orgProcedure } from '../procedures.ts';
import { ZDescription, ZName, ZRuleId, ZRuleTests, ZSeverityInput, ZStatus } from './rules.schemas.ts';

const ZText = z.string().max(200).nullable().optional();
const ZQuery = z.string().min(1).max(1_000_000);

export const listAnalyticsRulesProcedure = orgProcedure('rules:read')
  .meta({ openapi: { method: 'GET', path: '/analytics/rules', tags: ['rules'], summary: "The organisation's analytics rules" } })
  .input(z.object({}))
  .output(z.array(ZAnalyticsRule))
  .query(({ ctx }) => listAnalyticsRules(ctx.service));

export const getAnalyticsRuleProcedure = orgProcedure('rules:read')
  .meta({ openapi: { method: 'GET', path: '/analytics/rules/{rule_id}', tags: ['rules'], summary: 'One analytics rule' } })
  .input(z.object({ rule_id: ZRuleId }))
  .output(ZAnalyticsRule)
  .query(({ ctx, input }) => getAnalyticsRule(ctx.service, input.rule_id));

export const createAnalyticsRuleProcedure = orgProcedure('rules:write')
  .meta({
    openapi: {
      method: 'POST',
      path: '/analytics/rules',
      tags: ['rules'],
      summary: 'Create an analytics rule',
      description:
        'A query that is a Sigma rule runs in the continuous detection (status enabled). Any other text, or Sigma that cannot run here, is stored with status disabled and the reasons in problems (construct and line). 400 when a test fails.',
    },
  })
  .input(
    z.object({
      name: ZName,
      description: ZDescription,
      datasource: ZText,
      severity: ZSeverityInput.default('medium'),
      query: ZQuery,
      owner: ZText,
      tests: ZRuleTests.optional(),
    }),
  )
  .output(ZAnalyticsRule)
  .mutation(({ ctx, input }) => createAnalyticsRule(ctx.service, input));

export const updateAnalyticsRuleProcedure = orgProcedure('rules:write')
  .meta({
    openapi: {
      method: 'PATCH',
      path: '/analytics/rules/{rule_id}',
      tags: ['rules'],
      summary: 'Update an analytics rule',
      description:
        'Null or absent fields are left unchanged (EventSec). status enabled is refused (400, with the reasons) when the query cannot run or a test fails.',
    },
  })
  .input(
    z.object({
      rule_id: ZRuleId,
      description: ZDescription,
      datasource: ZText,
      severity: ZSeverityInput.nullable().optional(),
      status: ZStatus.nullable().optional(),
      query: ZQuery.nullable().optional(),
      owner: ZText,
      tests: ZRuleTests.nullable().optional(),
    }),
  )
  .output(ZAnalyticsRule)
  .mutation(({ ctx, input }) => {
    const { rule_id, ...update } = input;
    return updateAnalyticsRule(ctx.service, rule_id, update);
  });
