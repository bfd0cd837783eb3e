import { describe, expect, it } from 'vitest';
import { parseAgent } from './agent.ts';
import { parseCowrie } from './cowrie.ts';
import { parseCustom } from './custom.ts';
import type { NormalizedEvent, ParseResult } from './event.ts';
import { sha256Hex } from './hash.ts';
import { parseOsquery } from './osquery.ts';
import { parseSiem } from './siem.ts';
import { MAX_IDENTIFIER_CHARS } from './storable.ts';
import { parseThreatmap } from './threatmap.ts';

const ctx = { receivedAt: new Date('2026-01-01T00:00:00Z') };
const ok = (r: ParseResult): NormalizedEvent => {
  if (!r.ok) throw new Error(`rejected: ${r.reason} ${r.field ?? ''}`);
  return r.event;
};
const long = (c: string) => c.repeat(4000);
// a btree entry over ~2,700 bytes fails with "index row size exceeds btree maximum"
const utf8Bytes = (text: string | null) => new TextEncoder().encode(text ?? '').length;

describe('dedup keys: SHA-256 of the identity material, whatever its length', () => {
  it('hashes 4,000-character ids to 64 hex digits, the same material to the same key', () => {
    const cases: Array<[string, NormalizedEvent]> = [
      ['custom', ok(parseCustom({ id: long('i'), message: 'm' }, ctx))],
      ['custom uuid', ok(parseCustom({ uuid: long('u'), message: 'm' }, ctx))],
      ['agent', ok(parseAgent({ event_type: 'x', event_id: long('e'), details: {} }, ctx))],
      ['cowrie', ok(parseCowrie({ eventid: 'cowrie.session.connect', uuid: long('c') }, ctx))],
      ['siem', ok(parseSiem({ message: 'm', event_id: long('s') }, ctx))],
      ['threatmap', ok(parseThreatmap({ attack_type: 'Web', id: long('t') }, ctx))],
    ];
    for (const [name, event] of cases) expect(event.dedupKey, name).toMatch(/^[0-9a-f]{64}$/);
    expect(cases[0]?.[1].dedupKey).toBe(sha256Hex(`custom|${long('i')}`));
    expect(cases[3]?.[1].dedupKey).toBe(sha256Hex(`cowrie|${long('c')}`));
    expect(ok(parseCustom({ id: long('i'), message: 'other' }, ctx)).dedupKey).toBe(cases[0]?.[1].dedupKey);
    expect(ok(parseCustom({ id: `${long('i')}x`, message: 'm' }, ctx)).dedupKey).not.toBe(cases[0]?.[1].dedupKey);
  });
});

describe('identifier columns stay small enough for an index', () => {
  const osquery = (host: string) => ({ name: 'processes', hostIdentifier: host, unixTime: 1767225600, columns: { pid: '1', name: 'x' } });

  it('a 4,000-character hostIdentifier gives a bounded host name and key, still distinct per host', () => {
    const a = ok(parseOsquery(osquery(long('h')), ctx));
    const b = ok(parseOsquery(osquery(`${long('h')}2`), ctx));
    expect(a.dedupKey).toMatch(/^[0-9a-f]{64}$/);
    expect(a.hostName).toHaveLength(MAX_IDENTIFIER_CHARS);
    expect(a.hostName?.startsWith('hhhh')).toBe(true);
    expect(a.hostName).not.toBe(b.hostName);
    expect(a.raw).toMatchObject({ hostIdentifier: long('h') });
    expect(ok(parseOsquery(osquery('web-01'), ctx)).hostName).toBe('web-01');
  });

  it('bounds user, session and sensor names too, in bytes as well as characters', () => {
    const e = ok(parseCowrie({ eventid: 'cowrie.login.failed', username: long('😀'), session: long('s'), sensor: long('é') }, ctx));
    for (const value of [e.userName, e.sessionId, e.sensorId, e.hostName]) {
      expect(value?.length).toBeLessThanOrEqual(MAX_IDENTIFIER_CHARS);
      expect(utf8Bytes(value)).toBeLessThan(1024);
      expect(value?.isWellFormed()).toBe(true);
    }
    const withSensor = ok(parseCowrie({ eventid: 'cowrie.session.connect' }, { ...ctx, sensorId: long('n') }));
    expect(withSensor.sensorId).toHaveLength(MAX_IDENTIFIER_CHARS);
  });
});
