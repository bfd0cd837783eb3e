/**
 * The local nftables adapter against a real kernel: attacker ↔ router ↔ protected host in three
 * network namespaces, the adapter running nft inside the router namespace (`netns` option), so the
 * host's own firewall and forwarding are never touched.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalNftRunner } from '../../services/response/adapters/nft-runner.ts';
import { createNftablesAdapter } from '../../services/response/adapters/nftables.ts';
import { buildRouterTopology, httpProbe, Namespaces, netnsSupport, pollUntil, startHttpServer, uniqueStem, waitUntilReachable } from './netns.ts';

const support = netnsSupport();
if (!support.ok) {
  // biome-ignore lint/suspicious/noConsole: the one line saying why these tests skip
  console.log(`nftables namespace tests skipped: ${support.reason}`);
}

describe.skipIf(!support.ok)('nftables adapter in a router namespace', { timeout: 60_000 }, () => {
  const stem = uniqueStem();
  const namespaces = new Namespaces();
  let att = '';
  let rtr = '';
  let prot = '';
  let attackerNet = '';
  let attacker = '';
  let protectedHost = '';
  let attacker6 = '';
  let protected6 = '';
  const port = 8080;
  const runner = () => createLocalNftRunner({ netns: rtr });
  const adapter = () => createNftablesAdapter({ runner: runner() });
  const ip = (value: string) => ({ kind: 'ip', value }) as const;
  const rules = () =>
    namespaces
      .exec(rtr, 'nft', ['list', 'table', 'inet', 'vigil'])
      .split('\n')
      .filter((line) => line.includes(' drop'));

  beforeAll(async () => {
    const topology = buildRouterTopology(namespaces, stem);
    ({ att, rtr, prot, attacker, protectedHost, attacker6, protected6 } = topology);
    attackerNet = `${attacker.split('.').slice(0, 3).join('.')}.0/24`;
    try {
      await startHttpServer(namespaces, prot, port);
    } catch (error) {
      namespaces.cleanUp();
      throw error;
    }
  });

  afterAll(() => namespaces.cleanUp());

  it('reaches the protected host before any block', async () => {
    expect(await waitUntilReachable(att, protectedHost, port)).toBe('ok protected');
    expect(await waitUntilReachable(att, protected6, port)).toBe('ok protected');
    expect(await adapter().status(ip(attacker))).toEqual({ enforced: false, detail: `inet vigil blocked_v4 does not exist in netns ${rtr}` });
  });

  it('a dry run changes nothing', async () => {
    const outcome = await adapter().apply(ip(attacker), { timeoutSeconds: 60, dryRun: true });
    expect(outcome.detail).toContain(`add element inet vigil blocked_v4 { ${attacker} timeout 60s }`);
    expect(() => namespaces.exec(rtr, 'nft', ['list', 'table', 'inet', 'vigil'])).toThrow();
    expect(await httpProbe(att, protectedHost, port)).toBe('ok protected');
  });

  it('apply stops the attacker, status reads the element and its expiry back from the set', async () => {
    expect(await adapter().apply(ip(attacker), { timeoutSeconds: 120, actionId: 7 })).toEqual({
      state: 'completed',
      detail: `blocked ${attacker} for 120 s in inet vigil blocked_v4 in netns ${rtr}`,
      reference: `inet vigil blocked_v4 ${attacker}`,
    });
    expect(await httpProbe(att, protectedHost, port)).toBe('blocked');
    const status = await adapter().status(ip(attacker));
    expect(status.enforced).toBe(true);
    expect(status.expiresInSeconds).toBeGreaterThan(100);
    expect(status.expiresInSeconds).toBeLessThanOrEqual(120);
    // The element carries the action id for an operator reading the set by hand.
    expect(namespaces.exec(rtr, 'nft', ['list', 'set', 'inet', 'vigil', 'blocked_v4'])).toContain('comment "vigil action 7"');
    // The protected host cannot reach the attacker either (forward daddr).
    expect(await httpProbe(prot, attacker, 9)).toBe('blocked');
  });

  it('ensuring the table again keeps existing blocks and never duplicates a rule', async () => {
    const before = rules();
    expect(before).toHaveLength(8);
    expect(await adapter().apply(ip('192.0.2.10'), { timeoutSeconds: 300 })).toMatchObject({ state: 'completed' });
    expect(rules()).toHaveLength(8);
    expect((await adapter().status(ip(attacker))).enforced).toBe(true);
    expect(await httpProbe(att, protectedHost, port)).toBe('blocked');
    // Re-applying restarts the timeout instead of failing.
    expect(await adapter().apply(ip(attacker), { timeoutSeconds: 600 })).toMatchObject({ state: 'completed' });
    expect((await adapter().status(ip(attacker))).expiresInSeconds).toBeGreaterThan(500);
  });

  it('revert restores the connection; reverting again is success', async () => {
    expect(await adapter().revert(ip(attacker))).toMatchObject({
      state: 'completed',
      detail: `removed ${attacker} from inet vigil blocked_v4 in netns ${rtr}`,
    });
    expect(await httpProbe(att, protectedHost, port)).toBe('ok protected');
    expect(await adapter().status(ip(attacker))).toMatchObject({ enforced: false });
    expect(await adapter().revert(ip(attacker))).toMatchObject({ state: 'completed', detail: expect.stringContaining('expired or removed already') });
  });

  it('an element with a 2 s timeout disappears by itself', async () => {
    expect(await adapter().apply(ip(attacker), { timeoutSeconds: 2 })).toMatchObject({ state: 'completed' });
    expect(await httpProbe(att, protectedHost, port, 1000)).toBe('blocked');
    const started = Date.now();
    const status = await pollUntil(async () => {
      const reading = await adapter().status(ip(attacker));
      return reading.enforced ? undefined : reading;
    }, 10_000);
    expect(status.detail).toContain('is not in');
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(await httpProbe(att, protectedHost, port)).toBe('ok protected');
  });

  it('blocks an IPv6 attacker and a network covering the attacker', async () => {
    expect(await adapter().apply(ip(attacker6), { timeoutSeconds: 60 })).toMatchObject({ state: 'completed', reference: `inet vigil blocked_v6 ${attacker6}` });
    expect(await httpProbe(att, protected6, port)).toBe('blocked');
    expect(await adapter().revert(ip(attacker6))).toMatchObject({ state: 'completed' });
    expect(await httpProbe(att, protected6, port)).toBe('ok protected');

    expect(await adapter().apply(ip(attackerNet), { timeoutSeconds: 60 })).toMatchObject({ state: 'completed' });
    expect(await httpProbe(att, protectedHost, port)).toBe('blocked');
    expect(await adapter().status(ip(attacker))).toMatchObject({ enforced: true, detail: expect.stringContaining(`covered by ${attackerNet}`) });
    // nft refuses the overlapping element; the adapter reads the set and says the network already blocks it.
    expect(await adapter().apply(ip(attacker), { timeoutSeconds: 30 })).toMatchObject({
      state: 'completed',
      detail: expect.stringContaining('already blocked by'),
    });
    expect(await adapter().revert(ip(attacker))).toMatchObject({ state: 'failed', detail: expect.stringContaining('stays blocked by') });
    expect(await adapter().revert(ip(attackerNet))).toMatchObject({ state: 'completed' });
    expect(await httpProbe(att, protectedHost, port)).toBe('ok protected');
  });

  it('refuses injection attempts before nft sees them', async () => {
    for (const value of [`${attacker}; flush ruleset`, `${attacker}\nflush ruleset`, `${attacker} } ; add rule inet vigil input accept`]) {
      expect(await adapter().apply(ip(value))).toMatchObject({ state: 'failed' });
    }
    expect(rules()).toHaveLength(8);
  });
});
