import { z } from 'zod';
import { createDetectionRule, listDetectionRules, ZDetectionRule } from '../../services/rules/index.ts';
import { orgProcedure } from '../procedures.ts';
import { ZDescription, ZName, ZRuleTests, ZSeverityInput } from './rules.schemas.ts';

export const listDetectionRulesProcedure = orgProcedure('rules:read')
  .meta({
    openapi: {
      method: 'GET',
      path: '/rules/detections',
      tags: ['rules'],
      summary: "The organisation's detection rules (EventSec conditions)",
      description:
        'Each rule with whether it can run (executable, problems), its version and its tests. Enabled rules run in the continuous detection; disabled ones never fire.',
    },
  })
  .input(z.object({}))
  .output(z.array(ZDetectionRule))
  .query(({ ctx }) => listDetectionRules(ctx.service));

export const createDetectionRuleProcedure = orgProcedure('rules:write')
  .meta({
    openapi: {
      method: 'POST',
      path: '/rules/detections',
      tags: ['rules'],
      summary: 'Create a detection rule (EventSec conditions)',
      description:
        'conditions: {field: value | [values]}; every key must hold; a scalar is exact (case-sensitive) equality, a list membership, null a missing field. Keys resolve as EventSec resolved them: details.a.b, an event attribute (event_type, severity, category…), else details[key]. 201; 400 when a condition is malformed or a test fails (issues name tests[i]).',
    },
  })
  .input(
    z.object({
      name: ZName,
      description: ZDescription,
      severity: ZSeverityInput.default('medium'),
      enabled: z.boolean().default(true),
      conditions: z.record(z.string(), z.unknown()),
      create_incident: z.boolean().default(false),
      tests: ZRuleTests.optional(),
    }),
  )
  .output(ZDetectionRule)
  .mutation(async ({ ctx, input }) => {
    ctx.response.status = 201;
    return createDetectionRule(ctx.service, input);
  });
