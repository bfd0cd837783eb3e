import { createHash, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { type Connection, type ParsedKey, Server, utils } from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NftCommandError, NftTransportError } from './nft-runner.ts';
import { createSshNftRunner, normaliseFingerprint, redactSecrets, sshFingerprint } from './ssh-nft-runner.ts';

function parse(key: string): ParsedKey {
  const parsed = utils.parseKey(key);
  if (parsed instanceof Error || Array.isArray(parsed)) throw new Error('bad test key');
  return parsed;
}

const hostKey = utils.generateKeyPairSync('ed25519');
const userKey = utils.generateKeyPairSync('ed25519');
const otherKey = utils.generateKeyPairSync('ed25519');
const userPublic = parse(userKey.public);
const hostFingerprint = `SHA256:${createHash('sha256').update(parse(hostKey.public).getPublicSSH()).digest('base64').replace(/=+$/, '')}`;

type Exec = { command: string; stdin: string };
const execs: Exec[] = [];
let authentications = 0;
/** How the fake nft answers a command. */
let answer: (exec: Exec) => { stdout?: string; stderr?: string; code: number } | 'hang' = () => ({ code: 0 });

const server = new Server({ hostKeys: [hostKey.private] }, (client: Connection) => {
  client.on('authentication', (ctx) => {
    authentications++;
    const ok =
      ctx.method === 'publickey' && ctx.username === 'ops' && ctx.key.algo === userPublic.type && timingSafeEqual(ctx.key.data, userPublic.getPublicSSH());
    if (!ok || ctx.method !== 'publickey') return ctx.reject(['publickey']);
    if (!ctx.signature) return ctx.accept();
    if (ctx.blob && userPublic.verify(ctx.blob, ctx.signature, ctx.hashAlgo)) return ctx.accept();
    ctx.reject(['publickey']);
  });
  client.on('ready', () => {
    client.on('session', (acceptSession) => {
      const session = acceptSession();
      session.on('exec', (acceptExec, _reject, info) => {
        const stream = acceptExec();
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const exec = { command: info.command, stdin: Buffer.concat(chunks).toString('utf8') };
          execs.push(exec);
          const result = answer(exec);
          if (result === 'hang') return;
          if (result.stdout) stream.write(result.stdout);
          if (result.stderr) stream.stderr.write(result.stderr);
          stream.exit(result.code);
          stream.end();
        });
      });
    });
  });
  client.on('error', () => {
    // the client side refused us (host key mismatch): nothing to do
  });
});

let port = 0;
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const runner = (overrides: Partial<Parameters<typeof createSshNftRunner>[0]> = {}) =>
  createSshNftRunner({
    host: '127.0.0.1',
    port,
    username: 'ops',
    privateKey: userKey.private,
    hostKeySha256: hostFingerprint,
    connectTimeoutMs: 3000,
    commandTimeoutMs: 5000,
    ...overrides,
  });
const keyLines = (key: string) => key.split('\n').filter((line) => line.length > 20 && !line.startsWith('-----'));
const expectNoKey = (text: string) => {
  for (const line of keyLines(userKey.private)) expect(text).not.toContain(line);
};

describe('SSH nft runner', () => {
  it('runs `nft -f -` with the script on stdin over a pinned connection', async () => {
    execs.length = 0;
    answer = () => ({ code: 0, stdout: 'ok' });
    const script = 'add table inet vigil\nadd element inet vigil blocked_v4 { 10.0.0.1 timeout 60s }\n';
    expect(await runner().run(script)).toEqual({ stdout: 'ok' });
    expect(execs).toEqual([{ command: 'LC_ALL=C nft -f -', stdin: script }]);
  });

  it('lists the set as JSON, with sudo when asked', async () => {
    execs.length = 0;
    answer = () => ({ code: 0, stdout: '{"nftables": [{"metainfo": {}}]}' });
    expect(await runner({ sudo: true, nftCommand: '/usr/sbin/nft' }).list({ family: 'inet', table: 'vigil', set: 'blocked_v6' } as never)).toEqual({
      nftables: [{ metainfo: {} }],
    });
    expect(execs[0]?.command).toBe('LC_ALL=C sudo -n /usr/sbin/nft -j list set inet vigil blocked_v6');
  });

  it('turns a non-zero exit into NftCommandError with the remote stderr', async () => {
    answer = () => ({ code: 1, stderr: '/dev/stdin:1:40-47: Error: element does not exist\ndelete element inet vigil blocked_v4 { 10.1.1.1 }\n     ^^^^\n' });
    const error = await runner()
      .run('delete element inet vigil blocked_v4 { 10.1.1.1 }\n')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NftCommandError);
    expect((error as Error).message).toBe(`nft on ops@127.0.0.1:${port} failed with status 1: /dev/stdin:1:40-47: Error: element does not exist`);
  });

  it('refuses a host whose key does not match the pin, before authenticating', async () => {
    execs.length = 0;
    const before = authentications;
    const wrong = sshFingerprint(parse(otherKey.public).getPublicSSH());
    const error = await runner({ hostKeySha256: wrong })
      .run('add table inet vigil\n')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NftTransportError);
    expect((error as Error).message).toBe(
      `SSH on ops@127.0.0.1:${port}: host key mismatch: the server presented ${hostFingerprint}, but ${wrong} is pinned; refusing to connect`,
    );
    expect(authentications).toBe(before);
    expect(execs).toEqual([]);
  });

  it('reports a refused key without the key', async () => {
    const error = await runner({ privateKey: otherKey.private })
      .run('add table inet vigil\n')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NftTransportError);
    expect((error as Error).message).toMatch(/authentication/i);
    for (const line of keyLines(otherKey.private)) expect((error as Error).message).not.toContain(line);
  });

  it('gives up after the command timeout', async () => {
    answer = () => 'hang';
    await expect(runner({ commandTimeoutMs: 500 }).run('add table inet vigil\n')).rejects.toThrow(/no answer within 500 ms/);
  });

  it('reports a closed port', async () => {
    await expect(runner({ port: 1 }).run('')).rejects.toThrow(/ECONNREFUSED/);
  });

  it.each([
    [{ host: 'fw1;reboot' }, 'not a host name'],
    [{ host: '-oProxyCommand=x' }, 'not a host name'],
    [{ port: 0 }, 'port'],
    [{ username: 'root;id' }, 'login name'],
    [{ hostKeySha256: 'MD5:aa:bb' }, 'SHA-256 fingerprint'],
    [{ nftCommand: 'nft; reboot' }, 'nftCommand'],
  ])('refuses %j', (overrides, why) => {
    expect(() => runner(overrides)).toThrow(why);
  });

  it('refuses an unreadable key without echoing it', () => {
    const bogus = '-----BEGIN OPENSSH PRIVATE KEY-----\nc2VjcmV0LWtleS1tYXRlcmlhbC10aGF0LW11c3Qtbm90LWxlYWs=\n-----END OPENSSH PRIVATE KEY-----\n';
    let message = '';
    try {
      runner({ privateKey: bogus });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/private key cannot be read/);
    expect(message).not.toContain('c2VjcmV0');
    expectNoKey(message);
  });

  it('keeps no secret in what it exposes', () => {
    const exposed = runner();
    expect(exposed.where).toBe(`on ops@127.0.0.1:${port}`);
    expectNoKey(JSON.stringify(exposed));
  });
});

describe('fingerprints and redaction', () => {
  it('normalises the pin to OpenSSH form', () => {
    const bare = hostFingerprint.slice('SHA256:'.length);
    expect(normaliseFingerprint(bare)).toBe(hostFingerprint);
    expect(normaliseFingerprint(`${hostFingerprint}=`)).toBe(hostFingerprint);
    expect(() => normaliseFingerprint('SHA256:short')).toThrow(/ssh-keygen/);
  });

  it('removes key blocks and known secrets', () => {
    expect(redactSecrets(`oops ${userKey.private} and hunter22`, ['hunter22'])).toBe('oops [redacted private key]\n and [redacted]');
    expect(redactSecrets('-----BEGIN RSA PRIVATE KEY-----\nabc', [])).toBe('[redacted private key]');
  });
});
