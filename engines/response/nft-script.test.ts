import { describe, expect, it } from 'vitest';
import { type NftAddress, parseNftAddress } from './nft-address.ts';
import {
  addElementScript,
  checkTimeout,
  deleteElementScript,
  ensureTableScript,
  listSetArgs,
  MAX_NFT_TIMEOUT_SECONDS,
  type NftLayout,
  nftLayout,
  parseNftName,
  setRef,
} from './nft-script.ts';

function layout(options?: Parameters<typeof nftLayout>[0]): NftLayout {
  const result = nftLayout(options);
  if (!result.ok) throw new Error(result.reason);
  return result.value;
}
function address(raw: string): NftAddress {
  const result = parseNftAddress(raw);
  if (!result.ok) throw new Error(result.reason);
  return result.value;
}

describe('parseNftName', () => {
  it.each(['vigil', 'blocked_v4', 'a', `a${'b'.repeat(31)}`, 'vigil_2'])('accepts %j', (name) => {
    expect(parseNftName(name)).toEqual({ ok: true, value: name });
  });

  it.each([
    ['', 'must be a lower-case letter'],
    ['Vigil', 'must be a lower-case letter'],
    ['1vigil', 'must be a lower-case letter'],
    ['_vigil', 'must be a lower-case letter'],
    ['vigil-fw', 'must be a lower-case letter'],
    ['vigil fw', 'must be a lower-case letter'],
    ['vigil;flush ruleset', 'must be a lower-case letter'],
    ['vigil\nflush ruleset', 'must be a lower-case letter'],
    ['vigil"', 'must be a lower-case letter'],
    ['$(id)', 'must be a lower-case letter'],
    [`a${'b'.repeat(32)}`, 'must be a lower-case letter'],
    ['table', 'nft keyword'],
    ['flush', 'nft keyword'],
    ['inet', 'nft keyword'],
  ])('refuses %j', (name, why) => {
    const result = parseNftName(name, 'table name');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(why);
  });

  it('refuses what is not a string', () => {
    expect(parseNftName(undefined).ok).toBe(false);
    expect(parseNftName({ toString: () => 'vigil' }).ok).toBe(false);
  });
});

describe('nftLayout', () => {
  it('defaults to inet vigil with blocked_v4 and blocked_v6', () => {
    expect(layout()).toEqual({ family: 'inet', table: 'vigil', sets: { ipv4: 'blocked_v4', ipv6: 'blocked_v6' } });
  });

  it('takes other valid names, refuses bad ones and one set for both families', () => {
    expect(layout({ table: 'soc', setV4: 'bad4', setV6: 'bad6' })).toEqual({ family: 'inet', table: 'soc', sets: { ipv4: 'bad4', ipv6: 'bad6' } });
    expect(nftLayout({ table: 'vigil; flush ruleset' })).toMatchObject({ ok: false, reason: expect.stringContaining('table name') });
    expect(nftLayout({ setV6: 'x y' })).toMatchObject({ ok: false, reason: expect.stringContaining('IPv6 set name') });
    expect(nftLayout({ setV4: 'same', setV6: 'same' })).toMatchObject({ ok: false, reason: expect.stringContaining('different names') });
  });
});

describe('ensureTableScript', () => {
  it('creates the table, both sets with interval and timeout flags, and input/forward/output chains', () => {
    expect(ensureTableScript(layout())).toBe(
      [
        'add table inet vigil',
        'add set inet vigil blocked_v4 { type ipv4_addr; flags interval, timeout; }',
        'add set inet vigil blocked_v6 { type ipv6_addr; flags interval, timeout; }',
        'add chain inet vigil input { type filter hook input priority filter - 10; policy accept; }',
        'flush chain inet vigil input',
        'add rule inet vigil input ip saddr @blocked_v4 counter drop',
        'add rule inet vigil input ip6 saddr @blocked_v6 counter drop',
        'add chain inet vigil forward { type filter hook forward priority filter - 10; policy accept; }',
        'flush chain inet vigil forward',
        'add rule inet vigil forward ip saddr @blocked_v4 counter drop',
        'add rule inet vigil forward ip6 saddr @blocked_v6 counter drop',
        'add rule inet vigil forward ip daddr @blocked_v4 counter drop',
        'add rule inet vigil forward ip6 daddr @blocked_v6 counter drop',
        'add chain inet vigil output { type filter hook output priority filter - 10; policy accept; }',
        'flush chain inet vigil output',
        'add rule inet vigil output ip daddr @blocked_v4 counter drop',
        'add rule inet vigil output ip6 daddr @blocked_v6 counter drop',
        '',
      ].join('\n'),
    );
  });

  it('never deletes or flushes a set or the table (existing blocks survive a second run)', () => {
    const script = ensureTableScript(layout());
    expect(script).not.toMatch(/^(delete|flush) (table|set)/m);
    expect(script).not.toMatch(/flush ruleset/);
    // Every rule is preceded by the flush of its chain, so running it twice cannot duplicate a rule.
    for (const chain of ['input', 'forward', 'output']) {
      const lines = script.split('\n');
      const flush = lines.indexOf(`flush chain inet vigil ${chain}`);
      const firstRule = lines.findIndex((line) => line.startsWith(`add rule inet vigil ${chain} `));
      expect(flush).toBeGreaterThan(-1);
      expect(firstRule).toBeGreaterThan(flush);
    }
  });

  it('refuses a layout with unsafe names built around nftLayout', () => {
    const forged = { family: 'inet', table: 'vigil; flush ruleset', sets: { ipv4: 'a', ipv6: 'b' } } as unknown as NftLayout;
    expect(() => ensureTableScript(forged)).toThrow(/unsafe nft name/);
    expect(() => ensureTableScript({ ...layout(), family: 'ip' } as unknown as NftLayout)).toThrow(/inet/);
  });
});

describe('addElementScript', () => {
  it('adds, deletes and re-adds in one batch so the timeout restarts', () => {
    expect(addElementScript(layout(), address('203.0.113.7'), { timeoutSeconds: 3600 })).toBe(
      [
        'add element inet vigil blocked_v4 { 203.0.113.7 }',
        'delete element inet vigil blocked_v4 { 203.0.113.7 }',
        'add element inet vigil blocked_v4 { 203.0.113.7 timeout 3600s }',
        '',
      ].join('\n'),
    );
  });

  it('puts IPv6 and networks in the IPv6 set, and the action id in a comment', () => {
    const script = addElementScript(layout(), address('2001:db8::/48'), { actionId: 42 });
    expect(script).toContain('add element inet vigil blocked_v6 { 2001:db8::/48 comment "vigil action 42" }');
    expect(script).not.toContain('timeout');
  });

  it('writes an IPv4-mapped address into the IPv4 set', () => {
    expect(addElementScript(layout(), address('::ffff:198.51.100.1'))).toContain('blocked_v4 { 198.51.100.1 }');
  });

  it.each([0, -1, 1.5, Number.NaN, MAX_NFT_TIMEOUT_SECONDS + 1])('refuses timeout %s', (timeoutSeconds) => {
    expect(() => addElementScript(layout(), address('203.0.113.7'), { timeoutSeconds })).toThrow(/timeout/);
  });

  it('refuses an action id that is not an integer and forged address text', () => {
    expect(() => addElementScript(layout(), address('203.0.113.7'), { actionId: 1.5 })).toThrow(/action id/);
    const forged = { ...address('203.0.113.7'), text: '1.2.3.4 }\nflush ruleset\n' };
    expect(() => addElementScript(layout(), forged)).toThrow(/unsafe address/);
    expect(() => deleteElementScript(layout(), forged)).toThrow(/unsafe address/);
  });
});

describe('checkTimeout', () => {
  it('accepts 1 to 365 days', () => {
    expect(checkTimeout(1)).toBeNull();
    expect(checkTimeout(MAX_NFT_TIMEOUT_SECONDS)).toBeNull();
    expect(checkTimeout(MAX_NFT_TIMEOUT_SECONDS + 1)).toContain('at most');
  });
});

describe('deleteElementScript and listSetArgs', () => {
  it('deletes from the set of the address family', () => {
    expect(deleteElementScript(layout(), address('203.0.113.7'))).toBe('delete element inet vigil blocked_v4 { 203.0.113.7 }\n');
    expect(deleteElementScript(layout({ table: 'soc' }), address('2001:db8::1'))).toBe('delete element inet soc blocked_v6 { 2001:db8::1 }\n');
  });

  it('lists one set with JSON output', () => {
    expect(listSetArgs(setRef(layout(), 'ipv6'))).toEqual(['-j', 'list', 'set', 'inet', 'vigil', 'blocked_v6']);
    expect(() => listSetArgs({ family: 'inet', table: 'vigil', set: '-f /etc/passwd' } as never)).toThrow(/unsafe/);
  });
});
