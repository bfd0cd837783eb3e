import { describe, expect, it } from 'vitest';
import { type NftAddress, parseNftAddress } from './nft-address.ts';
import { findInSet, type NftSetElement, parseNftSetListing } from './nft-set.ts';

const meta = { metainfo: { version: '1.0.6', release_name: 'Lester Gooch #5', json_schema_version: 1 } };
const listing = (set: Record<string, unknown>) => ({ nftables: [meta, { set }] });
const v4Set = (elem?: unknown[]) =>
  listing({ family: 'inet', name: 'blocked_v4', table: 'vigil', type: 'ipv4_addr', handle: 1, flags: ['interval', 'timeout'], ...(elem ? { elem } : {}) });

function elements(output: unknown): NftSetElement[] {
  const result = parseNftSetListing(output, { table: 'vigil', set: 'blocked_v4' });
  if (!result.ok) throw new Error(result.reason);
  return result.value.elements;
}
function address(raw: string): NftAddress {
  const result = parseNftAddress(raw);
  if (!result.ok) throw new Error(result.reason);
  return result.value;
}

describe('parseNftSetListing', () => {
  // Output of nft 1.0.6 for a set with every kind of element.
  const real =
    '{"nftables": [{"metainfo": {"version": "1.0.6", "release_name": "Lester Gooch #5", "json_schema_version": 1}}, {"set": {"family": "inet", "name": "blocked_v4", "table": "vigil", "type": "ipv4_addr", "handle": 1, "flags": ["interval", "timeout"], "elem": [{"elem": {"val": "10.4.0.1", "timeout": 300, "expires": 299, "comment": "vigil action 42"}}, {"elem": {"val": {"prefix": {"addr": "10.4.1.0", "len": 24}}, "comment": "vigil action 43"}}, {"prefix": {"addr": "10.7.0.0", "len": 16}}, {"elem": {"val": {"prefix": {"addr": "10.8.0.0", "len": 24}}, "timeout": 3600, "expires": 3550}}, "10.9.0.2", {"range": ["10.10.0.1", "10.10.0.9"]}]}}]}';

  it('reads addresses, networks, ranges, timeouts, expiry and comments', () => {
    expect(elements(real).map(({ first: _first, last: _last, ...rest }) => rest)).toEqual([
      { address: '10.4.0.1', family: 'ipv4', timeoutSeconds: 300, expiresInSeconds: 299, comment: 'vigil action 42' },
      { address: '10.4.1.0/24', family: 'ipv4', comment: 'vigil action 43' },
      { address: '10.7.0.0/16', family: 'ipv4' },
      { address: '10.8.0.0/24', family: 'ipv4', timeoutSeconds: 3600, expiresInSeconds: 3550 },
      { address: '10.9.0.2', family: 'ipv4' },
      { address: '10.10.0.1-10.10.0.9', family: 'ipv4' },
    ]);
  });

  it('reads the parsed value as well as the text, and an empty set without "elem"', () => {
    expect(elements(JSON.parse(real))).toHaveLength(6);
    expect(elements(v4Set())).toEqual([]);
  });

  it('reads an IPv6 set, keeping IPv4-mapped addresses as IPv6', () => {
    const result = parseNftSetListing(
      listing({
        family: 'inet',
        name: 'blocked_v6',
        table: 'vigil',
        type: 'ipv6_addr',
        elem: ['::ffff:1.2.3.4', { elem: { val: '2001:db8::1', timeout: 100, expires: 99.7 } }],
      }),
    );
    expect(result).toMatchObject({
      ok: true,
      value: {
        name: 'blocked_v6',
        elements: [
          { address: '::ffff:102:304', family: 'ipv6' },
          { address: '2001:db8::1', family: 'ipv6', expiresInSeconds: 99 },
        ],
      },
    });
  });

  it.each([
    ['not JSON', 'not JSON'],
    [{}, 'no "nftables" array'],
    [{ nftables: [meta] }, '0 sets'],
    [{ nftables: [meta, { set: {} }, { set: {} }] }, '2 sets'],
    [listing({ family: 'inet', name: 'blocked_v4', table: 'vigil' }), 'without family, table, name or type'],
    [listing({ family: 'inet', name: 'other', table: 'vigil', type: 'ipv4_addr' }), 'not vigil blocked_v4'],
    [listing({ family: 'inet', name: 'blocked_v4', table: 'vigil', type: 'inet_service' }), 'not IP addresses'],
    [v4Set(['10.0.0.1; flush ruleset']), 'only digits'],
    [v4Set(['2001:db8::1']), 'is not an IPv4 address'],
    [v4Set([{ prefix: { addr: '10.0.0.1', len: 24 } }]), 'host bits'],
    [v4Set([{ prefix: { addr: '10.0.0.0' } }]), 'without addr/len'],
    [v4Set([{ range: ['10.0.0.9', '10.0.0.1'] }]), 'ends before it starts'],
    [v4Set([{ elem: { val: 7 } }]), 'unknown element'],
    [v4Set([{ concat: ['10.0.0.1', 80] }]), 'unknown element'],
    [listing({ family: 'inet', name: 'blocked_v4', table: 'vigil', type: 'ipv4_addr', elem: 'x' }), 'not an array'],
  ])('refuses %j', (output, why) => {
    const result = parseNftSetListing(output, { table: 'vigil', set: 'blocked_v4' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(why);
  });
});

describe('findInSet', () => {
  const set = elements(
    v4Set([{ elem: { val: '10.4.0.1', timeout: 300, expires: 299 } }, { prefix: { addr: '10.8.0.0', len: 24 } }, { range: ['10.10.0.1', '10.10.0.9'] }]),
  );

  it('finds the exact element first', () => {
    expect(findInSet(set, address('10.4.0.1'))).toMatchObject({ kind: 'exact', element: { address: '10.4.0.1', expiresInSeconds: 299 } });
    expect(findInSet(set, address('10.8.0.0/24'))).toMatchObject({ kind: 'exact', element: { address: '10.8.0.0/24' } });
  });

  it('reports a wider element that covers the address', () => {
    expect(findInSet(set, address('10.8.0.77'))).toMatchObject({ kind: 'covered', element: { address: '10.8.0.0/24' } });
    expect(findInSet(set, address('10.10.0.5'))).toMatchObject({ kind: 'covered', element: { address: '10.10.0.1-10.10.0.9' } });
  });

  it('reports absence, also for a wider network than the element', () => {
    expect(findInSet(set, address('10.4.0.2'))).toEqual({ kind: 'absent' });
    expect(findInSet(set, address('10.8.0.0/16'))).toEqual({ kind: 'absent' });
    expect(findInSet(set, address('2001:db8::1'))).toEqual({ kind: 'absent' });
  });
});
