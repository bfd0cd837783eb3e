import { describe, expect, it } from 'vitest';
import { parseCowrie } from './cowrie.ts';
import { parseCustom } from './custom.ts';
import type { NormalizedEvent, ParseResult } from './event.ts';
import { storableJson } from './storable.ts';
import { parseSuricata } from './suricata.ts';

const ctx = { receivedAt: new Date('2026-01-01T00:00:00Z') };
const ok = (r: ParseResult): NormalizedEvent => {
  if (!r.ok) throw new Error(`rejected: ${r.reason} ${r.field ?? ''}`);
  return r.event;
};
// JSON.stringify writes U+0000 as the escape \u0000, which jsonb refuses (an escaped backslash before it is text)
const holdsNul = (e: NormalizedEvent) => JSON.stringify(e).replaceAll('\\\\', '').includes('\\u0000');
const withFffd = (value: unknown) => JSON.parse(JSON.stringify(value).replaceAll('\\u0000', '\uFFFD')) as unknown;
// the raw record shows a NUL as the text \u0000
const withVisibleNul = (value: unknown) => JSON.parse(JSON.stringify(value).replaceAll('\\u0000', '\\\\u0000')) as unknown;

describe('text PostgreSQL cannot hold (U+0000 → U+FFFD in fields, the text \\u0000 in raw)', () => {
  it('Cowrie: the command line, attributes and nested raw keys and values', () => {
    const record = {
      eventid: 'cowrie.command.input',
      session: 's\u00001',
      timestamp: '2026-03-01T10:00:00Z',
      input: 'echo -e "\\x00"\u0000; wget http://x',
      'weird\u0000key': { 'in\u0000ner': ['a\u0000b'] },
    };
    const e = ok(parseCowrie(record, ctx));
    expect(holdsNul(e)).toBe(false);
    expect(e.processCommandLine).toBe('echo -e "\\x00"\uFFFD; wget http://x');
    expect(e.sessionId).toBe('s\uFFFD1');
    expect(e.attributes['weird\uFFFDkey']).toEqual({ 'in\uFFFDner': ['a\uFFFDb'] });
    expect(e.raw).toEqual(withVisibleNul(record));
    // the key still comes from the record as received: NUL and U+FFFD are different evidence
    expect(e.dedupKey).not.toBe(ok(parseCowrie(withFffd(record), ctx)).dedupKey);
  });

  it('Suricata: HTTP fields promoted from a nested object, and the raw record', () => {
    const record = {
      event_type: 'http',
      timestamp: '2026-03-01T10:00:00.000001Z',
      flow_id: 7,
      src_ip: '203.0.113.9',
      dest_ip: '192.0.2.1',
      http: { hostname: 'example.com', url: '/a\u0000b', http_user_agent: 'curl\u0000', 'x\u0000': 1 },
    };
    const e = ok(parseSuricata(record, ctx));
    expect(holdsNul(e)).toBe(false);
    expect(e.url).toBe('http://example.com/a\uFFFDb');
    expect(e.attributes.httpUserAgent).toBe('curl\uFFFD');
    expect(e.raw).toEqual(withVisibleNul(record));
  });

  it('custom: model fields, top-level attribute keys, the action, and unpaired surrogates', () => {
    const record = { type: 'probe\u0000', message: 'm\u0000', host: 'h\u0000', 'k\u0000': 'v\u0000', lone: 'x\uD800y' };
    const e = ok(parseCustom(record, ctx));
    expect(holdsNul(e)).toBe(false);
    expect(e).toMatchObject({ action: 'custom.probe\uFFFD', message: 'm\uFFFD', hostName: 'h\uFFFD' });
    expect(e.attributes).toMatchObject({ 'k\uFFFD': 'v\uFFFD', lone: 'x\uFFFDy' });
    expect(JSON.stringify(e)).not.toMatch(/\\ud[89ab]/);
  });

  it('leaves clean values untouched (same objects, no copy) and keeps "__proto__" a data key', () => {
    const clean = { a: [1, { b: 'c' }], d: null };
    expect(storableJson(clean)).toBe(clean);
    const hostile = JSON.parse('{"__proto__": {"x": "\\u0000"}}') as object;
    const out = storableJson(hostile) as Record<string, unknown>;
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(out, '__proto__')?.value).toEqual({ x: '\uFFFD' });
  });
});
