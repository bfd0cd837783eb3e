import { describe, expect, it } from 'vitest';
import { covers, formatIpv6, parseNftAddress } from './nft-address.ts';

const ok = (raw: string, options?: Parameters<typeof parseNftAddress>[1]) => {
  const result = parseNftAddress(raw, options);
  if (!result.ok) throw new Error(`expected ${raw} to parse: ${result.reason}`);
  return result.value;
};
const reason = (raw: string, options?: Parameters<typeof parseNftAddress>[1]) => {
  const result = parseNftAddress(raw, options);
  if (result.ok) throw new Error(`expected ${raw} to be refused, got ${result.value.text}`);
  return result.reason;
};

describe('parseNftAddress', () => {
  it.each([
    ['1.2.3.4', '1.2.3.4', 'ipv4', 32],
    ['0.0.0.0', '0.0.0.0', 'ipv4', 32],
    ['255.255.255.255', '255.255.255.255', 'ipv4', 32],
    ['10.0.0.0/8', '10.0.0.0/8', 'ipv4', 8],
    ['192.168.1.0/24', '192.168.1.0/24', 'ipv4', 24],
    ['192.168.1.7/32', '192.168.1.7', 'ipv4', 32],
    ['0.0.0.0/0', '0.0.0.0/0', 'ipv4', 0],
    ['2001:db8::1', '2001:db8::1', 'ipv6', 128],
    ['2001:DB8:0:0:0:0:0:1', '2001:db8::1', 'ipv6', 128],
    ['2001:0db8:0000:0000:0001:0000:0000:0001', '2001:db8::1:0:0:1', 'ipv6', 128],
    ['::', '::', 'ipv6', 128],
    ['::1', '::1', 'ipv6', 128],
    ['1::', '1::', 'ipv6', 128],
    ['2001:db8::/32', '2001:db8::/32', 'ipv6', 32],
    ['2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1', 'ipv6', 128],
    ['fe80::1:2', 'fe80::1:2', 'ipv6', 128],
    ['::1.2.3.4', '::102:304', 'ipv6', 128],
    ['64:ff9b::192.0.2.33', '64:ff9b::c000:221', 'ipv6', 128],
  ])('%s → %s', (raw, text, family, prefix) => {
    expect(ok(raw)).toMatchObject({ text, family, prefix });
  });

  it('maps IPv4-mapped IPv6 to IPv4 unless told not to', () => {
    expect(ok('::ffff:1.2.3.4')).toMatchObject({ family: 'ipv4', text: '1.2.3.4', prefix: 32 });
    expect(ok('::ffff:0102:0304')).toMatchObject({ family: 'ipv4', text: '1.2.3.4' });
    expect(ok('::ffff:10.0.0.0/104')).toMatchObject({ family: 'ipv4', text: '10.0.0.0/8' });
    expect(ok('::ffff:1.2.3.4', { mapIpv4Mapped: false })).toMatchObject({ family: 'ipv6', text: '::ffff:102:304' });
  });

  it('gives the range as integers', () => {
    expect(ok('10.1.0.0/16')).toMatchObject({ first: 0x0a010000n, last: 0x0a01ffffn });
    expect(ok('2001:db8::/127')).toMatchObject({ first: 0x20010db8n << 96n, last: (0x20010db8n << 96n) | 1n });
  });

  it.each([
    ['', 'is empty'],
    ['1.2.3', 'not a valid IPv4'],
    ['1.2.3.4.5', 'not a valid IPv4'],
    ['256.1.1.1', 'not a valid IPv4'],
    ['01.2.3.4', 'not a valid IPv4'],
    ['1.2.3.04', 'not a valid IPv4'],
    ['0x7f.0.0.1', 'only digits'],
    ['127.1', 'not a valid IPv4'],
    ['2130706433', 'not a valid IPv4'],
    ['1.2.3.4/33', 'invalid prefix'],
    ['1.2.3.4/', 'invalid prefix'],
    ['1.2.3.4/024', 'invalid prefix'],
    ['1.2.3.4/-1', 'only digits'],
    ['1.2.3.4/24', 'host bits set; the network is 1.2.3.0/24'],
    ['1.2.3.0/24/1', "more than one '/'"],
    ['2001:db8::1/32', 'host bits set; the network is 2001:db8::/32'],
    ['::/129', 'invalid prefix'],
    [':::', 'not a valid IPv6'],
    ['1:::2', 'not a valid IPv6'],
    ['1::2::3', 'not a valid IPv6'],
    [':1::', 'not a valid IPv6'],
    ['1:2:3:4:5:6:7', 'not a valid IPv6'],
    ['1:2:3:4:5:6:7:8:9', 'not a valid IPv6'],
    ['1:2:3:4:5:6:7::8', 'not a valid IPv6'],
    ['12345::1', 'not a valid IPv6'],
    ['1.2.3.4::1', 'not a valid IPv6'],
    ['::1.2.3.4:1', 'not a valid IPv6'],
    ['::ffff:1.2.3.256', 'not a valid IPv6'],
    ['g::1', 'only digits'],
    ['fe80::1%eth0', 'only digits'],
    ['[::1]', 'only digits'],
    [' 1.2.3.4', 'only digits'],
    ['1.2.3.4 ', 'only digits'],
    ['1.2.3.4; flush ruleset', 'only digits'],
    ['1.2.3.4\nflush ruleset', 'only digits'],
    ['1.2.3.4 }\nflush ruleset\nadd element inet vigil blocked_v4 { 5.6.7.8', 'longer than'],
    ['1.2.3.4}', 'only digits'],
    ['1.2.3.4,5.6.7.8', 'only digits'],
    ['1.2.3.4"', 'only digits'],
    ['$(reboot)', 'only digits'],
    ['example.com', 'only digits'],
    ['1.2.3.4\u0000', 'only digits'],
    ['１.2.3.4', 'only digits'],
    ['a'.repeat(65), 'longer than 64'],
  ])('refuses %j', (raw, why) => {
    expect(reason(raw)).toContain(why);
  });

  it('refuses a network where an address is expected', () => {
    expect(reason('10.0.0.0/8', { allowPrefix: false })).toContain('single address');
  });

  it('refuses what is not a string', () => {
    expect(parseNftAddress(42 as unknown as string).ok).toBe(false);
  });
});

describe('formatIpv6', () => {
  it.each([
    ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
    ['2001:0:0:1:0:0:0:1', '2001:0:0:1::1'],
    ['2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1'],
    ['0:0:0:0:0:0:0:0', '::'],
    ['1:0:0:0:0:0:0:0', '1::'],
  ])('%s → %s', (raw, text) => {
    const parsed = parseNftAddress(raw, { mapIpv4Mapped: false });
    if (!parsed.ok) throw new Error(parsed.reason);
    expect(formatIpv6(parsed.value.first)).toBe(text);
  });
});

describe('covers', () => {
  it('a network covers its addresses, not the other family or wider networks', () => {
    expect(covers(ok('10.0.0.0/8'), ok('10.1.2.3'))).toBe(true);
    expect(covers(ok('10.0.0.0/8'), ok('10.0.0.0/8'))).toBe(true);
    expect(covers(ok('10.0.0.0/8'), ok('11.0.0.0'))).toBe(false);
    expect(covers(ok('10.1.0.0/16'), ok('10.0.0.0/8'))).toBe(false);
    expect(covers(ok('::/0'), ok('10.0.0.1'))).toBe(false);
  });
});

describe('agrees with the WHATWG URL serialiser (RFC 5952)', () => {
  it('on random addresses with runs of zeros', () => {
    let seed = 7;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed;
    };
    for (let round = 0; round < 500; round++) {
      const words = Array.from({ length: 8 }, () => (next() % 3 === 0 ? 0 : next() % 0x10000));
      const raw = words.map((word) => word.toString(16).padStart(next() % 2 ? 4 : 1, '0')).join(':');
      const parsed = parseNftAddress(raw, { mapIpv4Mapped: false });
      if (!parsed.ok) throw new Error(parsed.reason);
      const expected = new URL(`http://[${raw}]/`).hostname.slice(1, -1);
      // URL writes IPv4-mapped addresses in hex too, so every address compares.
      expect(parsed.value.text).toBe(expected);
      // And the canonical text parses back to the same address.
      expect(parseNftAddress(parsed.value.text, { mapIpv4Mapped: false })).toMatchObject({ ok: true, value: { first: parsed.value.first } });
    }
  });
});
