import { z } from 'zod';

/** Mini-XDR documents /incidents/{id}/…; its front-end calls /api/incidents/{id}/…: both are served. */
export const INCIDENT_PREFIXES = [
  { key: '', prefix: '/incidents' },
  { key: 'Api', prefix: '/api/incidents' },
] as const;

export const ZIncidentId = z.coerce
  .number({ error: 'must be a positive integer' })
  .int('must be a positive integer')
  .min(1, 'must be a positive integer')
  .max(Number.MAX_SAFE_INTEGER, 'must be a positive integer')
  .describe('Incident id');

export const ZDurationSeconds = z.coerce
  .number({ error: 'must be a whole number of seconds' })
  .int('must be a whole number of seconds')
  .min(1, 'must be at least 1 second')
  .max(31_536_000, 'must be at most a year (31536000 seconds)');

/** One procedure per prefix, named `<name>` and `<name>Api`. */
export function bothPrefixes<T>(name: string, build: (prefix: `/${string}`) => T): Record<string, T> {
  return Object.fromEntries(INCIDENT_PREFIXES.map(({ key, prefix }) => [`${name}${key}`, build(prefix)]));
}
