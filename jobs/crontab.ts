import { type ParsedCronItem, parseCronItems } from 'graphile-worker';

/** Few recurring items; each one fans out work rather than doing it all in one job. */
export function cronItems(): ParsedCronItem[] {
  return parseCronItems([{ task: 'system__prune_worker_heartbeats', match: '17 * * * *', identifier: 'system__prune_worker_heartbeats', payload: { v: 1 } }]);
}
