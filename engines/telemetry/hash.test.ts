import { describe, expect, it } from 'vitest';
import { canonicalJson, contentHash, fnv1a64 } from './hash.ts';

describe('fnv1a64', () => {
  it('matches the published FNV-1a 64 test vectors', () => {
    expect(fnv1a64('')).toBe('cbf29ce484222325');
    expect(fnv1a64('a')).toBe('af63dc4c8601ec8c');
    expect(fnv1a64('foobar')).toBe('85944171f73967e8');
  });

  it('hashes UTF-8 bytes, not UTF-16 code units', () => {
    expect(fnv1a64('é')).not.toBe(fnv1a64('\u00e9'.normalize('NFD')));
    expect(fnv1a64('😄')).toHaveLength(16);
  });
});

describe('canonicalJson', () => {
  it('sorts keys recursively and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: undefined } })).toBe('{"a":{"d":[1,{"y":2,"z":1}]},"b":1}');
  });

  it('gives the same hash whatever the key order', () => {
    expect(contentHash({ x: 1, y: 'a' })).toBe(contentHash({ y: 'a', x: 1 }));
    expect(contentHash({ x: 1, y: 'a' })).not.toBe(contentHash({ x: 1, y: 'b' }));
  });
});
