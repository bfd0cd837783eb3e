import { z } from 'zod';
import { disableRulePack, enableRulePack, listRulePacks, ZRuleImportReport, ZRulePack } from '../../services/rules/index.ts';
import { orgProcedure } from '../procedures.ts';

const ZPackName = z.string().trim().min(1).max(100).describe('Pack name, e.g. vigil-windows-core');

export const listRulePacksProcedure = orgProcedure('rules:read')
  .meta({
    openapi: {
      method: 'GET',
      path: '/api/rules/packs',
      tags: ['rules'],
      summary: 'The read-only rule packs bundled with Vigil, with how many of their rules this organisation runs',
    },
  })
  .input(z.object({}))
  .output(z.array(ZRulePack))
  .query(({ ctx }) => listRulePacks(ctx.service));

export const enableRulePackProcedure = orgProcedure('rules:write')
  .meta({
    openapi: {
      method: 'POST',
      path: '/api/rules/packs/{pack}/enable',
      tags: ['rules'],
      summary: "Enable a bundled pack: its rules join the organisation's library (read-only) and run",
      description: 'Enabling again refreshes the rules to the bundled version. The report lists created, updated and rejected rules.',
    },
  })
  .input(z.object({ pack: ZPackName }))
  .output(ZRuleImportReport)
  .mutation(({ ctx, input }) => enableRulePack(ctx.service, input.pack));

export const disableRulePackProcedure = orgProcedure('rules:write')
  .meta({
    openapi: {
      method: 'POST',
      path: '/api/rules/packs/{pack}/disable',
      tags: ['rules'],
      summary: 'Disable every rule of a bundled pack (they stay in the library)',
    },
  })
  .input(z.object({ pack: ZPackName }))
  .output(z.object({ detail: z.string(), count: z.number().int() }))
  .mutation(({ ctx, input }) => disableRulePack(ctx.service, input.pack));
