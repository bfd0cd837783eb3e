import { AppError } from '../../core/errors.ts';

/** The incident lifecycle. `last_action` (what was last done about it) is a separate field and never changes this. */
export const INCIDENT_STATUSES = ['open', 'investigating', 'contained', 'resolved', 'false_positive'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

export const INCIDENT_SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type IncidentSeverity = (typeof INCIDENT_SEVERITIES)[number];

/** EventSec's statuses, accepted on input and mapped onto the lifecycle. */
export const LEGACY_STATUS_ALIASES: Readonly<Record<string, IncidentStatus>> = {
  new: 'open',
  triage: 'investigating',
  in_progress: 'investigating',
  closed: 'resolved',
};

/**
 * Allowed moves. Work goes forward (open → investigating → contained → resolved); containment may be lifted back
 * to investigating; anything not yet closed can be dismissed as a false positive. Closed incidents (resolved,
 * false_positive) only move by an explicit reopen to `open`, which the timeline records as `reopened`.
 */
export const TRANSITIONS: Readonly<Record<IncidentStatus, readonly IncidentStatus[]>> = {
  open: ['investigating', 'contained', 'resolved', 'false_positive'],
  investigating: ['contained', 'resolved', 'false_positive'],
  contained: ['investigating', 'resolved', 'false_positive'],
  resolved: ['open'],
  false_positive: ['open'],
};

export function normaliseStatus(input: string): IncidentStatus | undefined {
  const lowered = input.trim().toLowerCase();
  return (INCIDENT_STATUSES as readonly string[]).includes(lowered) ? (lowered as IncidentStatus) : LEGACY_STATUS_ALIASES[lowered];
}

export function isClosed(status: string): boolean {
  return status === 'resolved' || status === 'false_positive';
}

/** Throws 409 naming the allowed targets when `from → to` is not a lifecycle move (staying put is fine). */
export function assertTransition(from: string, to: IncidentStatus): void {
  if (from === to) return;
  const allowed = TRANSITIONS[from as IncidentStatus] ?? [];
  if (allowed.includes(to)) return;
  throw new AppError('CONFLICT', `Cannot move an incident from '${from}' to '${to}'; allowed from '${from}': ${allowed.join(', ') || 'none'}`, {
    issues: [{ path: 'status', message: `allowed: ${allowed.join(', ')}` }],
    details: { from, to, allowed },
  });
}

/** Vigil's event severity 0 info … 4 critical, as an incident severity (incidents have no `info`). */
export function severityFromEventLevel(level: number): IncidentSeverity {
  if (level >= 4) return 'critical';
  if (level === 3) return 'high';
  if (level === 2) return 'medium';
  return 'low';
}
