import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLocalNftRunner, NftCommandError, NftTransportError, summariseStderr } from './nft-runner.ts';

const dir = mkdtempSync(join(tmpdir(), 'vigil-nft-runner-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A stand-in nft: records its argv, environment and stdin, then behaves as the first argument asks. */
function fakeNft(body: string): string {
  const path = join(dir, `nft-${Math.random().toString(36).slice(2)}`);
  writeFileSync(path, `#!/bin/sh\nprintf '%s\\n' "$@" > "${path}.argv"\nenv > "${path}.env"\ncat > "${path}.stdin"\n${body}\n`);
  chmodSync(path, 0o755);
  return path;
}
const recorded = (path: string, what: 'argv' | 'env' | 'stdin') => readFileSync(`${path}.${what}`, 'utf8');
const ref = { family: 'inet', table: 'vigil', set: 'blocked_v4' } as never;

describe('local nft runner', () => {
  it('runs `nft -f -` with the script on stdin, no shell, a fixed environment', async () => {
    const nft = fakeNft('exit 0');
    const runner = createLocalNftRunner({ nftCommand: nft });
    const script = 'add table inet vigil\n';
    expect(runner.where).toBe('on this host');
    await runner.run(script);
    expect(recorded(nft, 'argv')).toBe('-f\n-\n');
    expect(recorded(nft, 'stdin')).toBe(script);
    const env = recorded(nft, 'env');
    expect(env).toContain('LC_ALL=C');
    expect(env).not.toMatch(/^(HOME|VIGIL|DATABASE|NODE)/m);
  });

  it('lists a set with JSON output and parses it', async () => {
    const nft = fakeNft(`echo '{"nftables": []}'`);
    expect(await createLocalNftRunner({ nftCommand: nft }).list(ref)).toEqual({ nftables: [] });
    expect(recorded(nft, 'argv')).toBe('-j\nlist\nset\ninet\nvigil\nblocked_v4\n');
    await expect(createLocalNftRunner({ nftCommand: fakeNft('echo not json') }).list(ref)).rejects.toThrow(NftTransportError);
  });

  it('turns a refusal into NftCommandError with nft’s error lines', async () => {
    const nft = fakeNft(
      `printf '%s\\n' '/dev/stdin:1:40-47: Error: element does not exist' 'delete element inet vigil blocked_v4 { 10.1.1.1 }' '                   ^^^^^^^^' >&2; exit 1`,
    );
    const error = await createLocalNftRunner({ nftCommand: nft })
      .run('delete element inet vigil blocked_v4 { 10.1.1.1 }\n')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NftCommandError);
    expect((error as NftCommandError).exitCode).toBe(1);
    expect((error as Error).message).toBe('nft on this host failed with status 1: /dev/stdin:1:40-47: Error: element does not exist');
  });

  it('wraps the command in `ip netns exec <ns>`', async () => {
    const ip = fakeNft('exit 0');
    const runner = createLocalNftRunner({ netns: 'vgfw1', ipCommand: ip });
    expect(runner.where).toBe('in netns vgfw1');
    await runner.run('add table inet vigil\n');
    expect(recorded(ip, 'argv')).toBe('netns\nexec\nvgfw1\nnft\n-f\n-\n');
  });

  it('kills nft after the timeout and reports a missing binary', async () => {
    await expect(createLocalNftRunner({ nftCommand: fakeNft('sleep 5'), timeoutMs: 200 }).run('')).rejects.toThrow('was stopped after 200 ms');
    await expect(createLocalNftRunner({ nftCommand: join(dir, 'missing-nft') }).run('')).rejects.toThrow(/cannot run .*ENOENT/);
  });

  it.each([
    [{ netns: '../etc' }, 'network namespace'],
    [{ netns: 'a/b' }, 'network namespace'],
    [{ netns: '-x' }, 'network namespace'],
    [{ netns: 'ns; reboot' }, 'network namespace'],
    [{ nftCommand: 'nft -f /etc/passwd' }, 'nftCommand'],
    [{ nftCommand: 'relative/nft' }, 'nftCommand'],
    [{ nftCommand: '/usr/../bin/sh' }, 'nftCommand'],
    [{ ipCommand: '$(id)' }, 'ipCommand'],
  ])('refuses %j', (options, why) => {
    expect(() => createLocalNftRunner(options)).toThrow(why);
  });
});

describe('summariseStderr', () => {
  it('keeps error lines, drops echoed script and carets, caps the length', () => {
    expect(summariseStderr('Error: a\nadd x\n   ^^^\nError: b\n')).toBe('Error: a; Error: b');
    expect(summariseStderr('something odd\n')).toBe('something odd');
    expect(summariseStderr('')).toBe('(no output)');
    expect(summariseStderr(`Error: ${'x'.repeat(1000)}`)).toHaveLength(401);
  });
});
