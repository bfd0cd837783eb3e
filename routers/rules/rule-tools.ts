import { z } from 'zod';
import {
  getLatestRuleReplay,
  importRules,
  MAX_TEST_EVENTS,
  requestRuleReplay,
  testRule,
  ZRuleImportPayload,
  ZRuleImportReport,
  ZRuleReplay,
  ZRuleTestResult,
} from '../../services/rules/index.ts';
import { ZTimeParam } from '../events/network.schemas.ts';
import { orgProcedure } from '../procedures.ts';
import { ZRuleId, ZSigmaText } from './rules.schemas.ts';

export const importRulesProcedure = orgProcedure('rules:write')
  .meta({
    openapi: {
      method: 'POST',
      path: '/api/rules/import',
      tags: ['rules'],
      summary: "Import rules: EventSec's {analytic_rules, correlation_rules} or Sigma {format: 'sigma', content}",
      description:
        'Each entry is validated on its own and upserted by its id (EventSec id, Sigma id). The report lists created, updated and rejected entries, each with its index and reasons (field, or Sigma construct and line). EventSec entries run when query.sigma / logic.sigma holds Sigma YAML or query.conditions EventSec conditions; others are stored disabled with the reason. Sigma that cannot run here is rejected.',
    },
  })
  .input(ZRuleImportPayload)
  .output(ZRuleImportReport)
  .mutation(({ ctx, input }) => importRules(ctx.service, input));

export const testRuleProcedure = orgProcedure('rules:read')
  .meta({
    openapi: {
      method: 'POST',
      path: '/api/rules/test',
      tags: ['rules'],
      summary: 'Run a rule (Sigma text or a stored rule) over sample events',
      description:
        'Events are raw, as agents, sensors and shippers send them (Windows evtx-JSON and winlogbeat included), normalised as ingest normalises them. For a correlation, match_count counts its own matches over the events as one stream. Nothing is stored. Runs on a pool of worker threads, never on the API event loop; a test running longer than 20 s is stopped (QUERY_TIMEOUT).',
    },
  })
  .input(
    z.object({
      rule: z.string().min(1).max(256_000).optional().describe('Sigma YAML: one rule, or a correlation with the rules it names'),
      rule_id: ZRuleId.optional(),
      events: z.array(z.unknown()).max(MAX_TEST_EVENTS),
    }),
  )
  .output(ZRuleTestResult)
  .mutation(({ ctx, input }) => testRule(ctx.service, input));

export const requestRuleReplayProcedure = orgProcedure('rules:write')
  .meta({
    openapi: {
      method: 'POST',
      path: '/api/rules/{rule_id}/replay',
      tags: ['rules'],
      summary: 'Replay a draft or a version of a rule over stored events, as a background job',
      description:
        'Reports the alerts the draft (rule) or version would add and remove against the running version. Default range: the last 24 hours; at most 31 days. 202 with the queued replay; GET the same path for progress and result.',
    },
  })
  .input(
    z.object({
      rule_id: ZRuleId,
      rule: ZSigmaText.optional().describe('a draft Sigma text'),
      version: z.number().int().positive().optional().describe('a stored version of the rule'),
      from: ZTimeParam.optional(),
      to: ZTimeParam.optional(),
    }),
  )
  .output(ZRuleReplay)
  .mutation(async ({ ctx, input }) => {
    const { rule_id, ...request } = input;
    ctx.response.status = 202;
    return requestRuleReplay(ctx.service, rule_id, request);
  });

export const getRuleReplayProcedure = orgProcedure('rules:read')
  .meta({ openapi: { method: 'GET', path: '/api/rules/{rule_id}/replay', tags: ['rules'], summary: "The rule's latest replay: status, progress and result" } })
  .input(z.object({ rule_id: ZRuleId }))
  .output(ZRuleReplay)
  .query(({ ctx, input }) => getLatestRuleReplay(ctx.service, input.rule_id));
