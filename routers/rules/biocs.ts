import { z } from 'zod';
import { createBioc, listBiocs, updateBioc, ZBiocRule } from '../../services/rules/index.ts';
import { orgProcedure } from '../procedures.ts';
import { ZDescription, ZName, ZRuleId, ZRuleTests, ZSeverityInput, ZStatus } from './rules.schemas.ts';

const ZText = z.string().max(200).nullable().optional();
const ZTags = z.array(z.string().max(200)).max(200);
const ZLogic = z.string().min(1).max(1_000_000);

export const listBiocsProcedure = orgProcedure('rules:read')
  .meta({ openapi: { method: 'GET', path: '/biocs', tags: ['rules'], summary: "The organisation's behavioural (BIOC) rules" } })
  .input(z.object({}))
  .output(z.array(ZBiocRule))
  .query(({ ctx }) => listBiocs(ctx.service));

export const createBiocProcedure = orgProcedure('rules:write')
  .meta({
    openapi: {
      method: 'POST',
      path: '/biocs',
      tags: ['rules'],
      summary: 'Create a BIOC rule',
      description:
        'detection_logic in Sigma YAML runs on agent events (status enabled); other text is stored disabled with the reason in problems. 400 when a test fails.',
    },
  })
  .input(
    z.object({
      name: ZName,
      description: ZDescription,
      platform: ZText,
      tactic: ZText,
      technique: ZText,
      detection_logic: ZLogic,
      severity: ZSeverityInput.default('medium'),
      tags: ZTags.default([]),
      tests: ZRuleTests.optional(),
    }),
  )
  .output(ZBiocRule)
  .mutation(({ ctx, input }) => createBioc(ctx.service, input));

export const updateBiocProcedure = orgProcedure('rules:write')
  .meta({
    openapi: {
      method: 'PATCH',
      path: '/biocs/{rule_id}',
      tags: ['rules'],
      summary: 'Update a BIOC rule',
      description: 'Null or absent fields are left unchanged. status enabled is refused (400, with the reasons) when the logic cannot run or a test fails.',
    },
  })
  .input(
    z.object({
      rule_id: ZRuleId,
      name: ZName.nullable().optional(),
      description: ZDescription,
      platform: ZText,
      tactic: ZText,
      technique: ZText,
      detection_logic: ZLogic.nullable().optional(),
      severity: ZSeverityInput.nullable().optional(),
      tags: ZTags.nullable().optional(),
      status: ZStatus.nullable().optional(),
      tests: ZRuleTests.nullable().optional(),
    }),
  )
  .output(ZBiocRule)
  .mutation(({ ctx, input }) => {
    const { rule_id, ...update } = input;
    return updateBioc(ctx.service, rule_id, update);
  });
