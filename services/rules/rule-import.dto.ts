import { z } from 'zod';

const ZImportedItem = z.object({
  section: z.enum(['analytic_rules', 'correlation_rules', 'sigma']),
  index: z.number().int().describe('position in its section (for Sigma: the YAML document, from 0)'),
  id: z.string().nullable().describe("the entry's own id (EventSec id, Sigma id)"),
  rule_id: z.number().int().describe("Vigil's rule id (GET /api/rules/{rule_id})"),
  type: z.string(),
  title: z.string(),
  enabled: z.boolean(),
  executable: z.boolean(),
  problems: z.array(z.string()).describe('why a stored rule cannot run (it is then kept disabled)'),
});

export const ZRuleImportReport = z.object({
  detail: z.string(),
  count: z.number().int().describe('rules created or updated'),
  created: z.array(ZImportedItem),
  updated: z.array(ZImportedItem),
  rejected: z.array(
    z.object({
      section: z.enum(['analytic_rules', 'correlation_rules', 'sigma']),
      index: z.number().int(),
      id: z.string().nullable(),
      reasons: z.array(z.string()).describe('each with the field or Sigma construct and, for YAML, the line'),
    }),
  ),
});
export type RuleImportReport = z.infer<typeof ZRuleImportReport>;
