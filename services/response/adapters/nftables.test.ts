import { describe, expect, it } from 'vitest';
import type { NftSetRef } from '../../../engines/response/nft-script.ts';
import { NftCommandError, type NftRunner, NftTransportError } from './nft-runner.ts';
import { createNftablesAdapter } from './nftables.ts';
import { nftablesPointAdapter } from './nftables-point.ts';

type FakeSet = { elem?: unknown[] } | 'missing';

/** Records scripts; answers `list` from the given sets and `run` with the given failure, if any. */
function fakeRunner(sets: Record<string, FakeSet> = {}, failRun?: Error): NftRunner & { scripts: string[]; listed: NftSetRef[] } {
  const scripts: string[] = [];
  const listed: NftSetRef[] = [];
  return {
    where: 'on the fake',
    scripts,
    listed,
    async run(script) {
      scripts.push(script);
      if (failRun) throw failRun;
      return { stdout: '' };
    },
    async list(ref) {
      listed.push(ref);
      const set = sets[ref.set] ?? {};
      if (set === 'missing')
        throw new NftCommandError('on the fake', 1, `Error: No such file or directory\nlist set inet ${ref.table} ${ref.set}\n              ^^^^^`);
      const type = ref.set.endsWith('v6') ? 'ipv6_addr' : 'ipv4_addr';
      return { nftables: [{ metainfo: {} }, { set: { family: 'inet', table: ref.table, name: ref.set, type, ...set } }] };
    },
  };
}

const ip = (value: string) => ({ kind: 'ip', value }) as const;
const overlap = new NftCommandError('on the fake', 1, '/dev/stdin:19:37-44: Error: interval overlaps with an existing one');
const noElement = new NftCommandError('on the fake', 1, '/dev/stdin:1:40-47: Error: element does not exist');

describe('nftables adapter: apply', () => {
  it('ensures the table and adds the element with its timeout in one script', async () => {
    const runner = fakeRunner();
    const adapter = createNftablesAdapter({ runner });
    expect(adapter.kind).toBe('nftables');
    expect(adapter.targets).toEqual(['ip']);
    const outcome = await adapter.apply(ip('203.0.113.7'), { timeoutSeconds: 600, actionId: 9 });
    expect(outcome).toEqual({
      state: 'completed',
      detail: 'blocked 203.0.113.7 for 600 s in inet vigil blocked_v4 on the fake',
      reference: 'inet vigil blocked_v4 203.0.113.7',
    });
    expect(runner.scripts).toHaveLength(1);
    const [script = ''] = runner.scripts;
    expect(script.startsWith('add table inet vigil\n')).toBe(true);
    expect(script).toContain('add element inet vigil blocked_v4 { 203.0.113.7 timeout 600s comment "vigil action 9" }\n');
  });

  it('uses the configured table, the IPv6 set and no timeout when none is given', async () => {
    const runner = fakeRunner();
    const outcome = await createNftablesAdapter({ runner, table: 'soc', kind: 'nftables_ssh' }).apply(ip('2001:DB8::7'));
    expect(outcome).toMatchObject({ state: 'completed', detail: 'blocked 2001:db8::7 until removed in inet soc blocked_v6 on the fake' });
    expect(runner.scripts[0]).toContain('add element inet soc blocked_v6 { 2001:db8::7 }\n');
  });

  it('dry run returns the script and runs nothing', async () => {
    const runner = fakeRunner();
    const outcome = await createNftablesAdapter({ runner }).apply(ip('203.0.113.7'), { dryRun: true, timeoutSeconds: 60 });
    expect(outcome.state).toBe('completed');
    expect(outcome.detail).toMatch(/^dry run: would block 203\.0\.113\.7 for 60 s in inet vigil blocked_v4 with nft on the fake:\nadd table inet vigil\n/);
    expect(outcome.detail).toContain('timeout 60s');
    expect(runner.scripts).toEqual([]);
  });

  it.each([
    [{ kind: 'host', value: 'db1' }, 'unsupported', 'not a host'],
    [{ kind: 'user', value: 'a@b.c' }, 'unsupported', 'not a user'],
    [ip('1.2.3.4; flush ruleset'), 'failed', 'only digits'],
    [ip('1.2.3.4\nflush ruleset'), 'failed', 'only digits'],
    [ip('1.2.3.4 } ; add rule inet vigil input accept'), 'failed', 'only digits'],
    [ip('evil.example'), 'failed', 'only digits'],
    [ip('10.0.0.1/8'), 'failed', 'host bits'],
    [ip('0.0.0.0/0'), 'failed', 'wider than /8'],
    [ip('2000::/3'), 'failed', 'wider than /32'],
  ] as const)('refuses %j before running anything', async (target, state, why) => {
    const runner = fakeRunner();
    const outcome = await createNftablesAdapter({ runner }).apply(target);
    expect(outcome.state).toBe(state);
    expect(outcome.detail).toContain(why);
    expect(runner.scripts).toEqual([]);
  });

  it.each([0, -5, 2.5, 366 * 24 * 3600])('refuses timeout %s', async (timeoutSeconds) => {
    const runner = fakeRunner();
    expect(await createNftablesAdapter({ runner }).apply(ip('203.0.113.7'), { timeoutSeconds })).toMatchObject({ state: 'failed' });
    expect(runner.scripts).toEqual([]);
  });

  it('accepts a wider network when configured', async () => {
    const runner = fakeRunner();
    expect(await createNftablesAdapter({ runner, minPrefix: { ipv4: 0 } }).apply(ip('0.0.0.0/0'))).toMatchObject({ state: 'completed' });
  });

  it('reports an address already covered by a lasting network block as completed', async () => {
    const runner = fakeRunner(
      { blocked_v4: { elem: [{ elem: { val: { prefix: { addr: '203.0.113.0', len: 24 } }, timeout: 7200, expires: 7000 } }] } },
      overlap,
    );
    const outcome = await createNftablesAdapter({ runner }).apply(ip('203.0.113.7'), { timeoutSeconds: 3600 });
    expect(outcome).toEqual({
      state: 'completed',
      detail: '203.0.113.7 is already blocked by 203.0.113.0/24 (expires in 7000 s) in inet vigil blocked_v4 on the fake',
      reference: 'inet vigil blocked_v4 203.0.113.0/24',
    });
  });

  it('fails when the covering block ends sooner than asked, or on any other nft error', async () => {
    const covered = fakeRunner({ blocked_v4: { elem: [{ elem: { val: { prefix: { addr: '203.0.113.0', len: 24 } }, timeout: 60, expires: 30 } }] } }, overlap);
    expect(await createNftablesAdapter({ runner: covered }).apply(ip('203.0.113.7'), { timeoutSeconds: 3600 })).toMatchObject({
      state: 'failed',
      detail: expect.stringContaining('ends sooner than asked'),
    });
    const denied = fakeRunner({}, new NftCommandError('on the fake', 1, 'netlink: Error: cache initialization failed: Operation not permitted'));
    expect(await createNftablesAdapter({ runner: denied }).apply(ip('203.0.113.7'))).toEqual({
      state: 'failed',
      detail: 'nft on the fake failed with status 1: netlink: Error: cache initialization failed: Operation not permitted',
    });
    const unreachable = fakeRunner({}, new NftTransportError('SSH on ops@fw1:22 failed: connect ECONNREFUSED'));
    expect(await createNftablesAdapter({ runner: unreachable }).apply(ip('203.0.113.7'))).toEqual({
      state: 'failed',
      detail: 'SSH on ops@fw1:22 failed: connect ECONNREFUSED',
    });
  });
});

describe('nftables adapter: revert', () => {
  it('deletes the element', async () => {
    const runner = fakeRunner();
    expect(await createNftablesAdapter({ runner }).revert(ip('203.0.113.7'))).toEqual({
      state: 'completed',
      detail: 'removed 203.0.113.7 from inet vigil blocked_v4 on the fake',
      reference: 'inet vigil blocked_v4 203.0.113.7',
    });
    expect(runner.scripts).toEqual(['delete element inet vigil blocked_v4 { 203.0.113.7 }\n']);
  });

  it('dry run runs nothing', async () => {
    const runner = fakeRunner();
    const outcome = await createNftablesAdapter({ runner }).revert(ip('203.0.113.7'), { dryRun: true });
    expect(outcome).toMatchObject({ state: 'completed', detail: expect.stringContaining('dry run: would remove 203.0.113.7') });
    expect(runner.scripts).toEqual([]);
  });

  it('an element already gone is success, read back from the set', async () => {
    const runner = fakeRunner({ blocked_v4: { elem: ['198.51.100.1'] } }, noElement);
    expect(await createNftablesAdapter({ runner }).revert(ip('203.0.113.7'))).toEqual({
      state: 'completed',
      detail: '203.0.113.7 was not in inet vigil blocked_v4 on the fake (expired or removed already)',
    });
    expect(runner.listed).toEqual([{ family: 'inet', table: 'vigil', set: 'blocked_v4' }]);
  });

  it('a missing table is success too', async () => {
    const runner = fakeRunner({ blocked_v4: 'missing' }, new NftCommandError('on the fake', 1, 'Error: No such file or directory'));
    expect(await createNftablesAdapter({ runner }).revert(ip('203.0.113.7'))).toMatchObject({
      state: 'completed',
      detail: expect.stringContaining('does not exist'),
    });
  });

  it('an address still blocked by a wider element fails with the reason', async () => {
    const runner = fakeRunner({ blocked_v4: { elem: [{ prefix: { addr: '203.0.113.0', len: 24 } }] } }, noElement);
    expect(await createNftablesAdapter({ runner }).revert(ip('203.0.113.7'))).toMatchObject({
      state: 'failed',
      detail: expect.stringContaining('stays blocked by 203.0.113.0/24 (no timeout)'),
    });
  });

  it('a transport failure is a failure', async () => {
    const runner = fakeRunner({}, new NftTransportError('nft on the fake was stopped (SIGKILL, over 10000 ms)'));
    expect(await createNftablesAdapter({ runner }).revert(ip('203.0.113.7'))).toMatchObject({ state: 'failed' });
    expect(runner.listed).toEqual([]);
  });
});

describe('nftables adapter: status', () => {
  it('reads the element and its expiry from the set', async () => {
    const runner = fakeRunner({ blocked_v4: { elem: [{ elem: { val: '203.0.113.7', timeout: 600, expires: 420 } }] } });
    expect(await createNftablesAdapter({ runner }).status(ip('203.0.113.7'))).toEqual({
      enforced: true,
      expiresInSeconds: 420,
      detail: '203.0.113.7 is in inet vigil blocked_v4 on the fake, expires in 420 s',
    });
  });

  it('reports a covering network, absence and a missing table', async () => {
    const covering = fakeRunner({ blocked_v6: { elem: [{ prefix: { addr: '2001:db8::', len: 32 } }] } });
    expect(await createNftablesAdapter({ runner: covering }).status(ip('2001:db8::5'))).toEqual({
      enforced: true,
      detail: '2001:db8::5 is covered by 2001:db8::/32 (no timeout) in inet vigil blocked_v6 on the fake',
    });
    expect(await createNftablesAdapter({ runner: fakeRunner() }).status(ip('203.0.113.7'))).toMatchObject({
      enforced: false,
      detail: expect.stringContaining('is not in'),
    });
    expect(await createNftablesAdapter({ runner: fakeRunner({ blocked_v4: 'missing' }) }).status(ip('203.0.113.7'))).toMatchObject({
      enforced: false,
      detail: 'inet vigil blocked_v4 does not exist on the fake',
    });
  });

  it('throws when the point cannot be read (unreadable is not "not enforced")', async () => {
    const runner = fakeRunner();
    runner.list = async () => {
      throw new NftTransportError('SSH on ops@fw1:22 failed: timed out');
    };
    await expect(createNftablesAdapter({ runner }).status(ip('203.0.113.7'))).rejects.toThrow(/timed out/);
    const garbled = fakeRunner();
    garbled.list = async () => ({ nftables: [] });
    await expect(createNftablesAdapter({ runner: garbled }).status(ip('203.0.113.7'))).rejects.toThrow(/0 sets/);
  });

  it('answers for other target kinds and bad values without reading', async () => {
    const runner = fakeRunner();
    expect(await createNftablesAdapter({ runner }).status({ kind: 'host', value: 'db1' })).toMatchObject({ enforced: false });
    expect(await createNftablesAdapter({ runner }).status(ip('x; flush ruleset'))).toMatchObject({ enforced: false });
    expect(runner.listed).toEqual([]);
  });
});

describe('createNftablesAdapter config', () => {
  it('refuses unsafe table names', () => {
    expect(() => createNftablesAdapter({ runner: fakeRunner(), table: 'vigil; flush ruleset' })).toThrow(/table name/);
  });
});

describe('nftablesPointAdapter', () => {
  it('builds local and SSH points, and a failing adapter for a broken config', async () => {
    expect(nftablesPointAdapter('nftables', { table: 'vigil' }, null).kind).toBe('nftables');
    const broken = nftablesPointAdapter('nftables_ssh', { host: 'fw1', username: 'ops', host_key_sha256: `SHA256:${'A'.repeat(43)}` }, 'not a key');
    expect(broken.kind).toBe('nftables_ssh');
    expect(await broken.apply(ip('203.0.113.7'))).toMatchObject({ state: 'failed', detail: expect.stringContaining('misconfigured') });
    await expect(broken.status(ip('203.0.113.7'))).rejects.toThrow(/misconfigured/);
    const noNetns = nftablesPointAdapter('nftables', { netns: '../x' }, null);
    expect(await noNetns.apply(ip('203.0.113.7'))).toMatchObject({ state: 'failed' });
  });
});
