import { z } from 'zod';
import { INCIDENT_SEVERITIES, INCIDENT_STATUSES, ITEM_KINDS, LEGACY_STATUS_ALIASES, normaliseStatus } from '../../services/cases/index.ts';
import { ZIpParam, ZTimeParam } from '../events/network.schemas.ts';

export { ZIpParam, ZTimeParam };

/** A path or query id: a positive integer (REST sends it as text). */
export function positiveId(description: string) {
  return z.coerce
    .number({ error: 'must be a positive integer' })
    .int('must be a positive integer')
    .min(1, 'must be a positive integer')
    .max(Number.MAX_SAFE_INTEGER, 'must be a positive integer')
    .describe(description);
}

export const ZStatusInput = z
  .string()
  .max(32)
  .transform((value, ctx) => {
    const status = normaliseStatus(value);
    if (!status) {
      ctx.addIssue({ code: 'custom', message: `must be one of ${INCIDENT_STATUSES.join(', ')} (or ${Object.keys(LEGACY_STATUS_ALIASES).join(', ')})` });
      return z.NEVER;
    }
    return status;
  })
  .describe(`${INCIDENT_STATUSES.join(', ')}; EventSec's new, triage, in_progress, closed are accepted and mapped`);

export const ZSeverityInput = z.enum(INCIDENT_SEVERITIES);

export const ZTags = z.array(z.string().trim().min(1).max(64)).max(50);

export const ZItemFields = z.object({
  kind: z.enum(ITEM_KINDS).describe('alert, event and network_event must reference an existing row of your organisation (404 otherwise)'),
  ref_id: z
    .union([z.string(), z.number().int().positive()])
    .transform(String)
    .pipe(z.string().trim().min(1).max(500))
    .describe('The alert or event id; free text for the other kinds'),
});

/** An `ip` item must hold an address. */
export function checkItemRef(item: { kind: string; ref_id: string }, ctx: z.RefinementCtx): void {
  if (item.kind === 'ip' && !ZIpParam.safeParse(item.ref_id).success) {
    ctx.addIssue({ code: 'custom', path: ['ref_id'], message: 'must be an IPv4 or IPv6 address' });
  }
}

export const ZItemInput = ZItemFields.superRefine(checkItemRef);

export const ZAssignee = z.uuid().nullable().describe('User id of an active user of your organisation; null unassigns');

export const ZListQuery = z.object({
  status: ZStatusInput.optional(),
  escalation_level: ZSeverityInput.optional(),
  threat_category: z.string().trim().min(1).max(64).optional(),
  src_ip: ZIpParam.optional(),
  since: ZTimeParam.optional().describe('Created at or after (ISO 8601 or epoch)'),
  until: ZTimeParam.optional().describe('Created at or before'),
  min_risk: z.coerce.number().min(0).max(1).optional().describe('risk_score at least this (0–1)'),
  assigned_to: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(100),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});
export type ListQuery = z.infer<typeof ZListQuery>;

export function listFilter(input: ListQuery) {
  return {
    status: input.status,
    escalationLevel: input.escalation_level,
    threatCategory: input.threat_category,
    srcIp: input.src_ip,
    since: input.since,
    until: input.until,
    minRisk: input.min_risk,
    assignedTo: input.assigned_to,
  };
}

export const TOTAL_COUNT_NOTE =
  'Responds with a JSON array (legacy clients expect one); the number of matching incidents is in the `X-Total-Count` response header. Newest first; `limit` ≤ 200.';

export const ZTotalCountHeader = z.object({ 'X-Total-Count': z.string().describe('Incidents matching the filters, whatever limit/offset') });
