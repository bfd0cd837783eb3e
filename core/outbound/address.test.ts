import { describe, expect, it } from 'vitest';
import { classifyAddress, isIpLiteral } from './address.ts';
import { judgeAddress, parseAllowlistEntry, parseOutboundAllowlist } from './allowlist.ts';

describe('classifyAddress', () => {
  it.each([
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['::1', 'loopback'],
    ['169.254.10.10', 'link_local'],
    ['fe80::1', 'link_local'],
    ['fe80::1%eth0', 'link_local'],
    ['169.254.169.254', 'metadata'],
    ['fd00:ec2::254', 'metadata'],
    ['100.64.0.1', 'shared'],
    ['100.127.255.254', 'shared'],
    ['100.100.100.200', 'shared'],
    ['fc00::1', 'unique_local'],
    ['fd12:3456::1', 'unique_local'],
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'unspecified'],
    ['::', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['ff02::1', 'multicast'],
    ['255.255.255.255', 'reserved'],
    ['240.0.0.1', 'reserved'],
    ['192.0.0.192', 'reserved'],
    ['198.18.0.1', 'reserved'],
    ['not-an-ip', 'invalid'],
  ])('%s is %s', (address, kind) => {
    expect(classifyAddress(address)).toBe(kind);
  });

  it.each([
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:169.254.169.254', 'metadata'],
    ['::ffff:a9fe:a9fe', 'metadata'],
    ['::ffff:10.0.0.1', 'private'],
    ['[::ffff:192.168.0.1]', 'private'],
    ['::127.0.0.1', 'loopback'],
    ['64:ff9b::a9fe:a9fe', 'metadata'],
    ['2002:7f00:1::', 'loopback'],
  ])('unwraps the IPv4 inside %s (%s)', (address, kind) => {
    expect(classifyAddress(address)).toBe(kind);
  });

  it.each(['8.8.8.8', '1.1.1.1', '93.184.216.34', '172.32.0.1', '100.128.0.1', '2606:4700::1111', '::ffff:8.8.8.8', '2002:0808:0808::'])(
    '%s is public',
    (address) => {
      expect(classifyAddress(address)).toBeNull();
    },
  );

  it('tells literals from names', () => {
    expect(isIpLiteral('127.0.0.1')).toBe(true);
    expect(isIpLiteral('[::1]')).toBe(true);
    expect(isIpLiteral('localhost')).toBe(false);
    expect(isIpLiteral('example.com')).toBe(false);
  });
});

describe('OUTBOUND_ALLOWLIST', () => {
  it('parses hosts, wildcard domains, addresses and CIDRs', () => {
    const allowlist = parseOutboundAllowlist(' hooks.internal , *.corp.example, 127.0.0.1, 10.0.0.0/8, fd00::/8 ,');
    expect(allowlist.entries).toEqual(['hooks.internal', '*.corp.example', '127.0.0.1', '10.0.0.0/8', 'fd00::/8']);
    expect(judgeAddress(allowlist, 'hooks.internal', '192.168.1.5')).toEqual({ allowed: true });
    expect(judgeAddress(allowlist, 'siem.corp.example', '192.168.1.5')).toEqual({ allowed: true });
    expect(judgeAddress(allowlist, 'corp.example', '192.168.1.5')).toEqual({ allowed: false, addressClass: 'private' });
    expect(judgeAddress(allowlist, 'x.test', '127.0.0.1')).toEqual({ allowed: true });
    expect(judgeAddress(allowlist, 'x.test', '127.0.0.2')).toEqual({ allowed: false, addressClass: 'loopback' });
    expect(judgeAddress(allowlist, 'x.test', '10.20.30.40')).toEqual({ allowed: true });
    expect(judgeAddress(allowlist, 'x.test', '::ffff:10.20.30.40')).toEqual({ allowed: true });
    expect(judgeAddress(allowlist, 'x.test', 'fd12::1')).toEqual({ allowed: true });
    expect(judgeAddress(allowlist, 'x.test', '169.254.169.254')).toEqual({ allowed: false, addressClass: 'metadata' });
  });

  it('leaves public addresses allowed and everything else refused without entries', () => {
    const none = parseOutboundAllowlist('');
    expect(judgeAddress(none, 'example.com', '93.184.216.34')).toEqual({ allowed: true });
    expect(judgeAddress(none, 'localhost', '127.0.0.1')).toEqual({ allowed: false, addressClass: 'loopback' });
  });

  it.each(['10.0.0.0/33', '1.2.3.4/x', 'http://x', 'bad host', '::1/129', '-x.example', 'a/b/c'])('refuses the entry %s', (entry) => {
    expect(parseAllowlistEntry(entry)).toBeNull();
    expect(() => parseOutboundAllowlist(entry)).toThrow(/neither a host name/);
  });
});
