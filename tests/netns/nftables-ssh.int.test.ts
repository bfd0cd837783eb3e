/**
 * The nftables adapter over SSH against a real sshd: sshd runs inside the protected host's namespace
 * (throwaway host and user keys), the adapter connects from the root namespace over its own veth pair,
 * and blocks the attacker on the protected host's input chain.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalNftRunner } from '../../services/response/adapters/nft-runner.ts';
import { createNftablesAdapter } from '../../services/response/adapters/nftables.ts';
import { createSshNftRunner } from '../../services/response/adapters/ssh-nft-runner.ts';
import {
  freeTestRange,
  httpProbe,
  Namespaces,
  netnsSupport,
  pollUntil,
  SSHD,
  sh,
  startHttpServer,
  uniqueStem,
  waitForPort,
  waitUntilReachable,
} from './netns.ts';

const support = netnsSupport({ ssh: true });
if (!support.ok) {
  // biome-ignore lint/suspicious/noConsole: the one line saying why these tests skip
  console.log(`nftables SSH namespace tests skipped: ${support.reason}`);
}

// Each call is one SSH connection; sshd forks a session and a shell per connection (~1-3 s on a slow machine).
describe.skipIf(!support.ok)('nftables adapter over SSH', { timeout: 90_000 }, () => {
  const stem = uniqueStem();
  const namespaces = new Namespaces();
  const att = `${stem}att`;
  const prot = `${stem}prot`;
  const dir = mkdtempSync(join(tmpdir(), 'vigil-ssh-'));
  const port = 8080;
  let attacker = '';
  let protectedHost = '';
  let sshAddress = '';
  let privateKey = '';
  let fingerprint = '';
  const ip = (value: string) => ({ kind: 'ip', value }) as const;
  const sshAdapter = (overrides: { hostKeySha256?: string } = {}) =>
    createNftablesAdapter({
      kind: 'nftables_ssh',
      runner: createSshNftRunner({
        host: sshAddress,
        port: 22,
        username: 'root',
        privateKey,
        hostKeySha256: fingerprint,
        connectTimeoutMs: 5000,
        ...overrides,
      }),
    });

  beforeAll(async () => {
    try {
      const net = freeTestRange();
      attacker = `10.${net}.1.2`;
      protectedHost = `10.${net}.1.1`;
      sshAddress = `10.${net}.9.2`;
      for (const name of [att, prot]) namespaces.add(name);
      namespaces.link({ ns: att, ifname: `${stem}a0`, cidr: `${attacker}/24` }, { ns: prot, ifname: `${stem}p0`, cidr: `${protectedHost}/24` });
      // Vigil (this process, in the root namespace) reaches the protected host's sshd over its own /30.
      namespaces.link({ ns: null, ifname: `${stem}v0`, cidr: `10.${net}.9.1/30` }, { ns: prot, ifname: `${stem}p1`, cidr: `${sshAddress}/30` });

      sh('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'vigil-test-host', '-f', join(dir, 'host_ed25519')]);
      sh('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'vigil-test-user', '-f', join(dir, 'user_ed25519')]);
      privateKey = readFileSync(join(dir, 'user_ed25519'), 'utf8');
      writeFileSync(join(dir, 'authorized_keys'), readFileSync(join(dir, 'user_ed25519.pub')), { mode: 0o600 });
      // `ssh-keygen -lf` prints "256 SHA256:… comment (ED25519)": the form an operator pastes into the config.
      fingerprint = sh('ssh-keygen', ['-l', '-E', 'sha256', '-f', join(dir, 'host_ed25519.pub')]).split(' ')[1] ?? '';
      writeFileSync(
        join(dir, 'sshd_config'),
        [
          `ListenAddress ${sshAddress}:22`,
          `HostKey ${join(dir, 'host_ed25519')}`,
          `PidFile ${join(dir, 'sshd.pid')}`,
          `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
          'PermitRootLogin prohibit-password',
          'PubkeyAuthentication yes',
          'PasswordAuthentication no',
          'KbdInteractiveAuthentication no',
          'UsePAM no',
          'StrictModes no',
          'LogLevel VERBOSE',
          '',
        ].join('\n'),
      );
      sh('mkdir', ['-p', '/run/sshd']);
      await namespaces.start(prot, SSHD, ['-D', '-e', '-f', join(dir, 'sshd_config')], /Server listening/);
      await waitForPort(sshAddress, 22);
      await startHttpServer(namespaces, prot, port);
    } catch (error) {
      namespaces.cleanUp();
      throw error;
    }
  });

  afterAll(() => {
    namespaces.cleanUp();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a host whose key does not match the pinned fingerprint, and changes nothing', async () => {
    const wrong = `SHA256:${'A'.repeat(43)}`;
    const outcome = await sshAdapter({ hostKeySha256: wrong }).apply(ip(attacker), { timeoutSeconds: 60 });
    expect(outcome).toEqual({
      state: 'failed',
      detail: `SSH on root@${sshAddress}:22: host key mismatch: the server presented ${fingerprint}, but ${wrong} is pinned; refusing to connect`,
    });
    expect(() => namespaces.exec(prot, 'nft', ['list', 'table', 'inet', 'vigil'])).toThrow();
    await expect(sshAdapter({ hostKeySha256: wrong }).status(ip(attacker))).rejects.toThrow(/host key mismatch/);
  });

  it('blocks the attacker on the remote host, reads it back, and reverts', async () => {
    expect(await waitUntilReachable(att, protectedHost, port)).toBe('ok protected');

    expect(await sshAdapter().apply(ip(attacker), { timeoutSeconds: 90 })).toEqual({
      state: 'completed',
      detail: `blocked ${attacker} for 90 s in inet vigil blocked_v4 on root@${sshAddress}:22`,
      reference: `inet vigil blocked_v4 ${attacker}`,
    });
    expect(await httpProbe(att, protectedHost, port)).toBe('blocked');

    const status = await sshAdapter().status(ip(attacker));
    expect(status).toMatchObject({ enforced: true, detail: expect.stringContaining(`${attacker} is in inet vigil blocked_v4 on root@${sshAddress}:22`) });
    expect(status.expiresInSeconds).toBeGreaterThan(60);
    expect(status.expiresInSeconds).toBeLessThanOrEqual(90);
    // What the SSH adapter reports is what the host's own nft holds.
    const local = await createNftablesAdapter({ runner: createLocalNftRunner({ netns: prot }) }).status(ip(attacker));
    expect(local.enforced).toBe(true);

    expect(await sshAdapter().revert(ip(attacker))).toMatchObject({ state: 'completed' });
    expect(await httpProbe(att, protectedHost, port)).toBe('ok protected');
    expect(await sshAdapter().status(ip(attacker))).toMatchObject({ enforced: false });
  });

  it('an element with a 2 s timeout disappears on the remote host by itself', async () => {
    expect(await sshAdapter().apply(ip(attacker), { timeoutSeconds: 2 })).toMatchObject({ state: 'completed' });
    // Polled over SSH: each reading is a new connection, so allow for a slow sshd.
    const status = await pollUntil(async () => {
      const reading = await sshAdapter().status(ip(attacker));
      return reading.enforced ? undefined : reading;
    }, 15_000);
    expect(status.detail).toContain('is not in');
    expect(await httpProbe(att, protectedHost, port)).toBe('ok protected');
  });
});
