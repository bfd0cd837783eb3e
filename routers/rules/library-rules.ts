import { z } from 'zod';
import { getLibraryRule, listLibraryRules, updateLibraryRule, ZLibraryRule } from '../../services/rules/index.ts';
import { orgProcedure } from '../procedures.ts';
import { ZBooleanParam, ZRuleId, ZRuleTests, ZSeverityInput, ZSigmaText } from './rules.schemas.ts';

const ZType = z.enum(['analytic', 'correlation']).optional().describe('analytic (Sigma detection rules among them) or correlation');

export const listLibraryRulesProcedure = orgProcedure('rules:read')
  .meta({
    openapi: {
      method: 'GET',
      path: '/api/rules',
      tags: ['rules'],
      summary: 'The rule library: analytic and correlation rules (Sigma imports land here)',
      description:
        'search matches the title (case-insensitive). A rule that cannot run is listed with executable false and its problems; a bad import never breaks this list.',
    },
  })
  .input(
    z.object({
      type: ZType,
      search: z.string().trim().max(200).optional(),
      severity: ZSeverityInput.optional(),
      enabled: ZBooleanParam.optional(),
    }),
  )
  .output(z.array(ZLibraryRule))
  .query(({ ctx, input }) => listLibraryRules(ctx.service, input));

export const getLibraryRuleProcedure = orgProcedure('rules:read')
  .meta({ openapi: { method: 'GET', path: '/api/rules/{rule_id}', tags: ['rules'], summary: 'One analytic or correlation rule' } })
  .input(z.object({ rule_id: ZRuleId, type: ZType }))
  .output(ZLibraryRule)
  .query(({ ctx, input }) => getLibraryRule(ctx.service, input.rule_id, input.type));

export const updateLibraryRuleProcedure = orgProcedure('rules:write')
  .meta({
    openapi: {
      method: 'PATCH',
      path: '/api/rules/{rule_id}',
      tags: ['rules'],
      summary: 'Enable or disable a rule; for Sigma rules, also a new text (a new version) and tests',
      description:
        'Enabling a rule that cannot run, or whose tests fail, is refused (400) with the reasons (construct and line, or tests[i]). A disabled rule never fires. Rules of a bundled pack only take enabled.',
    },
  })
  .input(
    z.object({
      rule_id: ZRuleId,
      type: ZType,
      enabled: z.boolean().optional(),
      rule: ZSigmaText.optional().describe('a new Sigma text for a Sigma rule: saved as a new version'),
      tests: ZRuleTests.optional(),
    }),
  )
  .output(ZLibraryRule)
  .mutation(({ ctx, input }) => {
    const { rule_id, type, ...update } = input;
    return updateLibraryRule(ctx.service, rule_id, type, update);
  });
