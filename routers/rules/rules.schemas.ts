import { z } from 'zod';
import { ZRuleSample, ZRuleSeverity } from '../../services/rules/index.ts';

export const ZRuleId = z.coerce.number().int().positive().describe('Rule id');

/** Severity as EventSec clients send it (any case). */
export const ZSeverityInput = z
  .string()
  .transform((value) => value.trim().toLowerCase())
  .pipe(ZRuleSeverity);

/** `true`/`false` in a query string (also 1/0, yes/no). */
export const ZBooleanParam = z.preprocess((value) => {
  if (typeof value !== 'string') return value;
  const lowered = value.trim().toLowerCase();
  if (['true', '1', 'yes'].includes(lowered)) return true;
  if (['false', '0', 'no'].includes(lowered)) return false;
  return value;
}, z.boolean());

export const ZRuleTests = z.array(ZRuleSample).max(100).describe('Sample events with whether the rule must match each; a rule whose tests fail is not saved');

export const ZStatus = z.enum(['enabled', 'disabled']);

export const ZName = z.string().trim().min(1, 'must not be blank').max(500);
export const ZDescription = z.string().max(20_000).nullable().optional();
export const ZSigmaText = z.string().min(1).max(1_000_000);
