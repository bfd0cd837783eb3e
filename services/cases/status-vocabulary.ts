import type { Principal } from '../../core/principal.ts';
import type { StatusVocabulary } from './lifecycle.ts';

/**
 * Which API's status words a caller gets where both APIs share a path (`/incidents`, `/incidents/{id}`):
 * EventSec clients hold a session (its cookie or bearer token) or an agent key; Mini-XDR clients hold its
 * JWTs, API keys or HMAC device credentials. `?vocabulary=` overrides this (see the routers).
 */
export function callerVocabulary(principal: Principal): StatusVocabulary {
  if (principal.credential.kind === 'session' || principal.actorType === 'agent') return 'eventsec';
  return 'minixdr';
}
