import { z } from 'zod';
import { ALERT_SEVERITIES } from '../../services/alerts/index.ts';
import { ZUserRef } from '../identity/users.schemas.ts';

export const ZAlertId = z.coerce.number().int().positive().describe('Alert id');
export const ZAlertIdParam = z.object({ alert_id: ZAlertId });

/** Optional free text: trimmed, and blank counts as absent. */
export function optionalText(max: number) {
  return z
    .string()
    .trim()
    .max(max)
    .nullable()
    .optional()
    .transform((value) => (value ? value : undefined));
}

export const ZReportedAlert = z.object({
  title: z.string().trim().min(1, 'must not be blank').max(500),
  description: optionalText(10_000),
  source: z.string().trim().min(1, 'must not be blank').max(100).describe('Who reports it, e.g. the mail gateway or an agent name'),
  category: z.string().trim().min(1, 'must not be blank').max(100),
  severity: z.enum(ALERT_SEVERITIES).default('medium'),
  url: optionalText(2048),
  sender: optionalText(320),
  username: optionalText(255),
  hostname: optionalText(255),
});

/** A user: the integer id (EventSec's), or the UUID (lower-cased, so history shows one spelling). */
export const ZUserId = ZUserRef;
