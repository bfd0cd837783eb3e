import { z } from 'zod';
import { HUNT_SEVERITIES } from './hunt.dto.ts';
import { parseTimespan } from './timespan.ts';

const LOOKBACK = { min: 60, max: 30 * 86_400 };
const SCHEDULE = { min: 300, max: 14 * 86_400 };

/** A KQL timespan within bounds, as seconds; the message says what is accepted. */
function timespan(bounds: { min: number; max: number }, what: string) {
  return z
    .string()
    .max(20)
    .transform((text, ctx) => {
      const seconds = parseTimespan(text);
      if (seconds === null) {
        ctx.addIssue({ code: 'custom', message: 'must be a KQL timespan of whole seconds, minutes, hours or days (30s, 15m, 1h, 7d)' });
        return z.NEVER;
      }
      if (seconds < bounds.min || seconds > bounds.max) {
        ctx.addIssue({ code: 'custom', message: `${what} must be between ${bounds.min / 60} minutes and ${bounds.max / 86_400} days` });
        return z.NEVER;
      }
      return seconds;
    });
}

/** T1059 or T1059.001, checked by hand (the text comes from the caller). */
function isTechniqueId(text: string): boolean {
  const digits = (part: string, length: number) => part.length === length && [...part].every((char) => char >= '0' && char <= '9');
  const [main = '', sub, ...rest] = text.slice(1).split('.');
  return text.startsWith('T') && rest.length === 0 && digits(main, 4) && (sub === undefined || digits(sub, 3));
}

const name = z.string().trim().min(1, 'must not be blank').max(200).describe('unique within your organisation');
const description = z.string().trim().max(4000).nullable();
const query = z.string().min(1, 'must not be empty').max(20_000).describe('KQL, checked on save (400 naming query with the diagnostic)');
const lookback = timespan(LOOKBACK, 'lookback').describe('KQL timespan (1m to 30d): each run searches [run time − lookback, run time]; default 1d');
const schedule = timespan(SCHEDULE, 'schedule')
  .nullable()
  .describe('KQL timespan (5m to 14d): run by itself this often and raise an alert when the run returns new rows; null: on demand only');
const severity = z
  .string()
  .transform((value) => value.trim().toLowerCase())
  .pipe(z.enum(HUNT_SEVERITIES))
  .describe('low | medium | high | critical: the severity of the alerts it raises');
const mitre = z
  .array(z.string().trim().toUpperCase().refine(isTechniqueId, 'must be an ATT&CK technique id (T1059 or T1059.001)'))
  .max(50)
  .describe('ATT&CK technique ids');

export const ZHuntCreateInput = z.object({
  name,
  description: description.optional(),
  query,
  lookback: lookback.optional(),
  schedule: schedule.optional(),
  severity: severity.default('medium'),
  mitre: mitre.default([]),
  enabled: z.boolean().default(true),
});
export type HuntCreateInput = z.output<typeof ZHuntCreateInput>;

export const ZHuntPatchInput = z.object({
  name: name.optional(),
  description: description.optional(),
  query: query.optional(),
  lookback: lookback.optional(),
  schedule: schedule.optional(),
  severity: severity.optional(),
  mitre: mitre.optional(),
  enabled: z.boolean().optional(),
});
export type HuntPatchInput = z.output<typeof ZHuntPatchInput>;
