import { describe, expect, it } from 'vitest';
import { canonicalJson, rowKey, rowSetDigest } from './row-keys.ts';

describe('hunt row identity', () => {
  it('is the object id when the row has one, whatever else it carries', () => {
    const a = rowKey({ EventId: 42, SrcIp: '203.0.113.7', Count: 1 });
    expect(a).toMatch(/^id:[0-9a-f]{32}$/);
    expect(rowKey({ SrcIp: '198.51.100.1', EventId: 42, Extra: 'x' })).toBe(a);
    expect(rowKey({ EventId: 43, SrcIp: '203.0.113.7' })).not.toBe(a);
    // a join of an alert to its events is one finding per (alert, event)
    expect(rowKey({ AlertId: 1, EventId: 42 })).not.toBe(a);
    expect(rowKey({ event_id: 42 })).not.toBe(a);
  });

  it('is the whole content for rows without ids, in any column order', () => {
    const a = rowKey({ SrcIp: '203.0.113.7', count_: 5, Attributes: { b: 1, a: [1, { d: 2, c: 3 }] } });
    expect(a).toMatch(/^row:/);
    expect(rowKey({ Attributes: { a: [1, { c: 3, d: 2 }], b: 1 }, count_: 5, SrcIp: '203.0.113.7' })).toBe(a);
    expect(rowKey({ SrcIp: '203.0.113.7', count_: 6, Attributes: { b: 1, a: [1, { d: 2, c: 3 }] } })).not.toBe(a);
    expect(rowKey({ EventId: null, SrcIp: 'x' })).toMatch(/^row:/);
  });

  it('writes canonical JSON', () => {
    expect(canonicalJson({ b: 1, a: [new Date('2026-12-01T00:00:00Z'), null, undefined] })).toBe('{"a":["2026-12-01T00:00:00.000Z",null,null],"b":1}');
  });

  it('digests a set of keys regardless of order and repeats', () => {
    expect(rowSetDigest(['a', 'b'])).toBe(rowSetDigest(['b', 'a', 'a']));
    expect(rowSetDigest(['a'])).not.toBe(rowSetDigest(['a', 'b']));
  });
});
