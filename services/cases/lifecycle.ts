import { AppError } from '../../core/errors.ts';

/**
 * The incident lifecycle, as stored. Each API names these statuses in its own words (STATUS_WORDS,
 * docs/status-vocabularies.md). `last_action` (what was last done about it) is a separate field and never changes this.
 */
export const INCIDENT_STATUSES = ['open', 'triage', 'investigating', 'contained', 'resolved', 'closed', 'false_positive'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

export const INCIDENT_SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type IncidentSeverity = (typeof INCIDENT_SEVERITIES)[number];

export const STATUS_VOCABULARIES = ['eventsec', 'minixdr'] as const;
export type StatusVocabulary = (typeof STATUS_VOCABULARIES)[number];

/**
 * Each status in each API's words. EventSec has no false positive (it reads `closed`); Mini-XDR has no
 * triage or closed (they read `investigating` and `resolved`).
 */
export const STATUS_WORDS: Readonly<Record<StatusVocabulary, Readonly<Record<IncidentStatus, string>>>> = {
  eventsec: {
    open: 'new',
    triage: 'triage',
    investigating: 'in_progress',
    contained: 'contained',
    resolved: 'resolved',
    closed: 'closed',
    false_positive: 'closed',
  },
  minixdr: {
    open: 'open',
    triage: 'investigating',
    investigating: 'investigating',
    contained: 'contained',
    resolved: 'resolved',
    closed: 'resolved',
    false_positive: 'false_positive',
  },
};

/** The status each accepted word sets, whichever API's word it is. */
const STATUS_OF_WORD: Readonly<Record<string, IncidentStatus>> = {
  new: 'open',
  open: 'open',
  triage: 'triage',
  in_progress: 'investigating',
  investigating: 'investigating',
  contained: 'contained',
  resolved: 'resolved',
  closed: 'closed',
  false_positive: 'false_positive',
};

/** Every status word accepted on input, from both APIs. */
export const STATUS_INPUT_WORDS: readonly string[] = Object.keys(STATUS_OF_WORD);

/**
 * Allowed moves. Work goes forward (open → triage → investigating → contained → resolved → closed);
 * containment may be lifted back to investigating; anything not yet closed can be dismissed as a false
 * positive or closed. Closed incidents (resolved, closed, false_positive) only move by an explicit reopen
 * to `open`, which the timeline records as `reopened`, except that a resolved one may still be closed.
 */
export const TRANSITIONS: Readonly<Record<IncidentStatus, readonly IncidentStatus[]>> = {
  open: ['triage', 'investigating', 'contained', 'resolved', 'closed', 'false_positive'],
  triage: ['investigating', 'contained', 'resolved', 'closed', 'false_positive'],
  investigating: ['contained', 'resolved', 'closed', 'false_positive'],
  contained: ['investigating', 'resolved', 'closed', 'false_positive'],
  resolved: ['open', 'closed'],
  closed: ['open'],
  false_positive: ['open'],
};

/** The stored status a word sets, or undefined for a word neither API uses. */
export function statusOfWord(word: string): IncidentStatus | undefined {
  return STATUS_OF_WORD[word.trim().toLowerCase()];
}

/** A stored status in `vocabulary`'s words. */
export function statusWord(status: string, vocabulary: StatusVocabulary): string {
  return STATUS_WORDS[vocabulary][status as IncidentStatus] ?? status;
}

/**
 * What `input` (either API's word, any case) reads as in `vocabulary`; undefined for a word neither API uses.
 * Mini-XDR's words are the lifecycle's own names, hence the default.
 */
export function normaliseStatus(input: string, vocabulary: StatusVocabulary = 'minixdr'): string | undefined {
  const status = statusOfWord(input);
  return status === undefined ? undefined : statusWord(status, vocabulary);
}

/**
 * The stored statuses a filter word selects: those `vocabulary` calls that word (Mini-XDR's `resolved` is
 * resolved and closed), or, for the other API's word, those it calls so (`in_progress` asked in Mini-XDR's words).
 */
export function statusesNamed(word: string, vocabulary: StatusVocabulary): IncidentStatus[] {
  const lowered = word.trim().toLowerCase();
  const named = (words: Readonly<Record<IncidentStatus, string>>) => INCIDENT_STATUSES.filter((status) => words[status] === lowered);
  const own = named(STATUS_WORDS[vocabulary]);
  return own.length > 0 ? own : named(STATUS_WORDS[vocabulary === 'eventsec' ? 'minixdr' : 'eventsec']);
}

/**
 * The status a requested word moves `current` to. Asking for the status the caller already sees changes
 * nothing, so a Mini-XDR client sending `resolved` for a closed incident (which it reads as resolved) leaves it closed.
 */
export function requestedStatus(current: string, word: string, vocabulary: StatusVocabulary): IncidentStatus | undefined {
  const target = statusOfWord(word);
  if (target === undefined) return undefined;
  return normaliseStatus(word, vocabulary) === statusWord(current, vocabulary) ? (current as IncidentStatus) : target;
}

export function isClosed(status: string): boolean {
  return status === 'resolved' || status === 'closed' || status === 'false_positive';
}

/** Throws 409 naming, in the caller's words, the allowed targets when `from → to` is not a lifecycle move (staying put is fine). */
export function assertTransition(from: string, to: IncidentStatus, vocabulary: StatusVocabulary = 'minixdr'): void {
  if (from === to) return;
  const targets = TRANSITIONS[from as IncidentStatus] ?? [];
  if (targets.includes(to)) return;
  const seenAs = statusWord(from, vocabulary);
  const allowed = [...new Set(targets.map((target) => statusWord(target, vocabulary)))].filter((word) => word !== seenAs);
  const wanted = statusWord(to, vocabulary);
  throw new AppError('CONFLICT', `Cannot move an incident from '${seenAs}' to '${wanted}'; allowed from '${seenAs}': ${allowed.join(', ') || 'none'}`, {
    issues: [{ path: 'status', message: `allowed: ${allowed.join(', ')}` }],
    details: { from: seenAs, to: wanted, allowed },
  });
}

/** Vigil's event severity 0 info … 4 critical, as an incident severity (incidents have no `info`). */
export function severityFromEventLevel(level: number): IncidentSeverity {
  if (level >= 4) return 'critical';
  if (level === 3) return 'high';
  if (level === 2) return 'medium';
  return 'low';
}
