import { z } from 'zod';
import type { Principal } from '../../core/principal.ts';
import {
  callerVocabulary,
  INCIDENT_SEVERITIES,
  type IncidentListFilter,
  ITEM_KINDS,
  STATUS_INPUT_WORDS,
  STATUS_VOCABULARIES,
  STATUS_WORDS,
  type StatusVocabulary,
  statusOfWord,
} from '../../services/cases/index.ts';
import { ZIpParam, ZTimeParam } from '../events/network.schemas.ts';
import { ZUserRef } from '../identity/users.schemas.ts';

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

const wordsOf = (vocabulary: StatusVocabulary) => [...new Set(Object.values(STATUS_WORDS[vocabulary]))].join(', ');

/** A status word of either API, kept as sent (lower-cased): what it means can depend on the incident and the caller. */
export const ZStatusInput = z
  .string()
  .max(32)
  .transform((value, ctx) => {
    const word = value.trim().toLowerCase();
    if (statusOfWord(word) === undefined) {
      ctx.addIssue({ code: 'custom', message: `must be one of ${STATUS_INPUT_WORDS.join(', ')}` });
      return z.NEVER;
    }
    return word;
  })
  .describe(`EventSec's ${wordsOf('eventsec')} or Mini-XDR's ${wordsOf('minixdr')} (docs/status-vocabularies.md)`);

const VOCABULARY_WORDS = `eventsec (${wordsOf('eventsec')}) or minixdr (${wordsOf('minixdr')})`;

/** `?vocabulary=`: whose status words to answer in; `byDefault` says whose words the path speaks without it. */
export function vocabularyParam(byDefault: string) {
  return z.enum(STATUS_VOCABULARIES).describe(`Whose status words to answer (and read filters) in: ${VOCABULARY_WORDS}. ${byDefault}`).optional();
}

/** On paths both APIs share. */
export const ZVocabulary = vocabularyParam(
  "By default the caller's: an EventSec session or agent key gets eventsec; a Mini-XDR JWT, API key or device gets minixdr.",
);

/** On Mini-XDR's own paths (`/api/incidents/…`). */
export const ZMiniXdrVocabulary = vocabularyParam("minixdr by default: this is Mini-XDR's path.");

/** `/incidents…` paths are shared by both APIs: the caller's credential picks the words unless `vocabulary` says. */
export function sharedPathVocabulary(principal: Principal, requested: StatusVocabulary | undefined): StatusVocabulary {
  return requested ?? callerVocabulary(principal);
}

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

export const ZAssignee = ZUserRef.nullable().describe('User id (integer; the UUID is accepted too) of an active user of your organisation; null unassigns');

export const ZListQuery = z.object({
  status: ZStatusInput.optional(),
  escalation_level: ZSeverityInput.optional(),
  threat_category: z.string().trim().min(1).max(64).optional(),
  src_ip: ZIpParam.optional(),
  since: ZTimeParam.optional().describe('Created at or after (ISO 8601 or epoch)'),
  until: ZTimeParam.optional().describe('Created at or before'),
  min_risk: z.coerce.number().min(0).max(1).optional().describe('risk_score at least this (0–1)'),
  assigned_to: ZUserRef.optional(),
  vocabulary: ZVocabulary,
  limit: z.coerce.number().int().min(1).max(200).default(100),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});
export type ListQuery = z.infer<typeof ZListQuery>;

export function listFilter(input: ListQuery): IncidentListFilter {
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
