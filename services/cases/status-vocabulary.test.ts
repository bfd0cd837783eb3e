import { describe, expect, it } from 'vitest';
import { unsafeMintOrgId } from '../../core/database.ts';
import type { Principal } from '../../core/principal.ts';
import { assertTransition, INCIDENT_STATUSES, requestedStatus, STATUS_WORDS, type StatusVocabulary, statusesNamed, statusWord } from './lifecycle.ts';
import { callerVocabulary } from './status-vocabulary.ts';

const EVENTSEC_WORDS = ['new', 'triage', 'in_progress', 'contained', 'resolved', 'closed'];
const MINIXDR_WORDS = ['open', 'investigating', 'contained', 'resolved', 'false_positive'];

/** What a client reads back after setting `word` on a fresh (open) incident. */
function roundTrip(word: string, vocabulary: StatusVocabulary): string {
  const status = requestedStatus('open', word, vocabulary);
  if (status === undefined) throw new Error(`unknown word ${word}`);
  return statusWord(status, vocabulary);
}

describe('status vocabularies', () => {
  it("gives each API exactly its own words for the lifecycle's statuses", () => {
    expect(new Set(Object.values(STATUS_WORDS.eventsec))).toEqual(new Set(EVENTSEC_WORDS));
    expect(new Set(Object.values(STATUS_WORDS.minixdr))).toEqual(new Set(MINIXDR_WORDS));
    for (const vocabulary of ['eventsec', 'minixdr'] as const) expect(Object.keys(STATUS_WORDS[vocabulary]).sort()).toEqual([...INCIDENT_STATUSES].sort());
  });

  it('reads back every word a client sets, in its own words', () => {
    for (const word of EVENTSEC_WORDS) expect(roundTrip(word, 'eventsec')).toBe(word);
    for (const word of MINIXDR_WORDS) expect(roundTrip(word, 'minixdr')).toBe(word);
  });

  it("projects the other API's statuses onto the nearest word", () => {
    expect(roundTrip('triage', 'minixdr')).toBe('investigating');
    expect(roundTrip('closed', 'minixdr')).toBe('resolved');
    expect(roundTrip('false_positive', 'eventsec')).toBe('closed');
    expect(roundTrip('investigating', 'eventsec')).toBe('in_progress');
    expect(roundTrip('open', 'eventsec')).toBe('new');
  });

  it('filters by every status a word names in the caller’s API, and by the other API’s words too', () => {
    expect(statusesNamed('resolved', 'minixdr')).toEqual(['resolved', 'closed']);
    expect(statusesNamed('investigating', 'minixdr')).toEqual(['triage', 'investigating']);
    expect(statusesNamed('resolved', 'eventsec')).toEqual(['resolved']);
    expect(statusesNamed('closed', 'eventsec')).toEqual(['closed', 'false_positive']);
    expect(statusesNamed('NEW', 'eventsec')).toEqual(['open']);
    expect(statusesNamed('new', 'minixdr')).toEqual(['open']);
    expect(statusesNamed('in_progress', 'minixdr')).toEqual(['investigating']);
    expect(statusesNamed('investigating', 'eventsec')).toEqual(['triage', 'investigating']);
    expect(statusesNamed('false_positive', 'eventsec')).toEqual(['false_positive']);
    expect(statusesNamed('done', 'eventsec')).toEqual([]);
  });

  it('treats asking for the status a caller already reads as no change', () => {
    expect(requestedStatus('closed', 'resolved', 'minixdr')).toBe('closed');
    expect(requestedStatus('false_positive', 'closed', 'eventsec')).toBe('false_positive');
    expect(requestedStatus('triage', 'investigating', 'minixdr')).toBe('triage');
    expect(requestedStatus('closed', 'resolved', 'eventsec')).toBe('resolved');
    expect(requestedStatus('open', 'bogus', 'eventsec')).toBeUndefined();
  });

  it('names the allowed moves in the caller’s words', () => {
    expect(() => assertTransition('contained', 'open', 'eventsec')).toThrow(
      "Cannot move an incident from 'contained' to 'new'; allowed from 'contained': in_progress, resolved, closed",
    );
    expect(() => assertTransition('closed', 'resolved', 'eventsec')).toThrow("allowed from 'closed': new");
    expect(() => assertTransition('resolved', 'closed', 'eventsec')).not.toThrow();
    expect(() => assertTransition('triage', 'investigating', 'eventsec')).not.toThrow();
  });
});

describe('callerVocabulary', () => {
  const principal = (actorType: Principal['actorType'], credential: Principal['credential']): Principal => ({
    actorType,
    actorId: '00000000-0000-4000-8000-000000000001',
    orgId: unsafeMintOrgId('00000000-0000-4000-8000-000000000002'),
    role: 'analyst',
    mustChangePassword: false,
    credential,
  });

  it("answers EventSec's sessions and agents in EventSec's words, and Mini-XDR's JWTs, API keys and devices in Mini-XDR's", () => {
    expect(callerVocabulary(principal('user', { kind: 'session', sessionId: 's' }))).toBe('eventsec');
    expect(callerVocabulary(principal('agent', { kind: 'machine' }))).toBe('eventsec');
    expect(callerVocabulary(principal('user', { kind: 'jwt', familyId: 'f' }))).toBe('minixdr');
    expect(callerVocabulary(principal('api_key', { kind: 'api_key', keyId: 'k' }))).toBe('minixdr');
    expect(callerVocabulary(principal('device', { kind: 'machine' }))).toBe('minixdr');
  });
});
