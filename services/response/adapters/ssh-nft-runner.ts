import { createHash } from 'node:crypto';
import ssh2 from 'ssh2';
import { parseNftAddress } from '../../../engines/response/nft-address.ts';
import { listSetArgs } from '../../../engines/response/nft-script.ts';
import { assertCommandPath, NftCommandError, type NftRunner, NftTransportError, parseJson } from './nft-runner.ts';

export type SshNftRunnerOptions = {
  host: string;
  port?: number;
  username: string;
  /** OpenSSH or PEM private key text (from the sealed secret or a key file); never logged, never in argv. */
  privateKey: string | Buffer;
  passphrase?: string;
  /** The host key's SHA-256 fingerprint as `ssh-keygen -lf` prints it (`SHA256:…`); any other key is refused. */
  hostKeySha256: string;
  /** Run `sudo -n nft` (a NOPASSWD rule for nft) instead of nft as the login user. */
  sudo?: boolean;
  /** nft on the remote host (default `nft`). */
  nftCommand?: string;
  /** Handshake and authentication (default 10 s). */
  connectTimeoutMs?: number;
  /** The whole call, connection included (default 20 s). */
  commandTimeoutMs?: number;
};

const USERNAME = /^[A-Za-z_][A-Za-z0-9_.-]{0,31}$/;
const HOSTNAME = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;
const FINGERPRINT = /^(?:SHA256:)?([A-Za-z0-9+/]{43})=?$/;
const PRIVATE_KEY_BLOCK = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z0-9 ]*PRIVATE KEY-----|$)/g;

/** `SHA256:<base64 without padding>` of a host key blob, as OpenSSH prints it. */
export function sshFingerprint(hostKey: Buffer): string {
  return `SHA256:${createHash('sha256').update(hostKey).digest('base64').replace(/=+$/, '')}`;
}

/** The pinned fingerprint in OpenSSH's form, or an error saying what is expected. */
export function normaliseFingerprint(raw: string): string {
  const match = FINGERPRINT.exec(raw.trim());
  if (!match) throw new Error('hostKeySha256 must be the SHA-256 fingerprint as `ssh-keygen -lf <host key>` prints it (SHA256: and 43 base64 characters)');
  return `SHA256:${match[1]}`;
}

/** Removes the key and passphrase (and anything shaped like a private key) from a message. */
export function redactSecrets(message: string, secrets: readonly string[]): string {
  let text = message.replace(PRIVATE_KEY_BLOCK, '[redacted private key]');
  for (const secret of secrets) {
    if (secret.length >= 4) text = text.split(secret).join('[redacted]');
  }
  return text;
}

/**
 * nft on another host over SSH (ssh2, in process: no ssh binary, nothing in argv). The host key is
 * pinned by fingerprint; one connection per call; the command line is built from validated words only
 * and the script goes on stdin.
 */
export function createSshNftRunner(options: SshNftRunnerOptions): NftRunner {
  const { host, username } = options;
  const port = options.port ?? 22;
  if (!HOSTNAME.test(host) && !parseNftAddress(host, { allowPrefix: false, mapIpv4Mapped: false }).ok) {
    throw new Error(`host ${JSON.stringify(host.slice(0, 60))} is not a host name or IP address`);
  }
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error('port must be 1-65535');
  if (!USERNAME.test(username)) throw new Error(`username ${JSON.stringify(username.slice(0, 40))} is not a valid login name`);
  const pinned = normaliseFingerprint(options.hostKeySha256);
  const nft = options.nftCommand ?? 'nft';
  assertCommandPath(nft, 'nftCommand');
  const keyText = typeof options.privateKey === 'string' ? options.privateKey : options.privateKey.toString('utf8');
  const secrets = [keyText.trim(), options.passphrase ?? ''].filter((secret) => secret !== '');
  const redact = (message: string) => redactSecrets(message, secrets);
  const parsedKey = ssh2.utils.parseKey(options.privateKey, options.passphrase);
  if (parsedKey instanceof Error) throw new Error(`the SSH private key cannot be read: ${redact(parsedKey.message)}`);
  const connectTimeoutMs = options.connectTimeoutMs ?? 10_000;
  const commandTimeoutMs = options.commandTimeoutMs ?? 20_000;
  const where = `on ${username}@${host.includes(':') ? `[${host}]` : host}:${port}`;
  // LC_ALL=C: nft's messages (read to tell a missing set from other failures) in English; sudo keeps LC_ALL.
  const prefix = options.sudo ? ['LC_ALL=C', 'sudo', '-n', nft] : ['LC_ALL=C', nft];

  function exec(args: string[], stdin: string | null): Promise<{ stdout: string }> {
    const commandLine = [...prefix, ...args].join(' ');
    return new Promise((resolve, reject) => {
      const client = new ssh2.Client();
      let settled = false;
      let mismatch: string | undefined;
      const finish = (error: Error | null, result?: { stdout: string }) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        client.end();
        client.destroy();
        if (error) reject(error);
        else if (result) resolve(result);
      };
      const timer = setTimeout(() => finish(new NftTransportError(`nft ${where}: no answer within ${commandTimeoutMs} ms`)), commandTimeoutMs);

      client.on('error', (error: Error & { level?: string }) => {
        if (mismatch) return finish(new NftTransportError(mismatch));
        finish(new NftTransportError(`SSH ${where} failed${error.level ? ` (${error.level})` : ''}: ${redact(error.message)}`));
      });
      client.on('close', () => finish(new NftTransportError(mismatch ?? `SSH ${where}: connection closed before nft finished`)));
      client.on('ready', () => {
        client.exec(commandLine, (error, stream) => {
          if (error) return finish(new NftTransportError(`SSH ${where}: cannot run nft: ${redact(error.message)}`));
          const stdout: Buffer[] = [];
          const stderr: Buffer[] = [];
          let exitCode: number | null = null;
          let exitSignal: string | undefined;
          stream.on('data', (chunk: Buffer) => stdout.push(chunk));
          stream.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
          stream.on('exit', (code: number | null, signal?: string) => {
            exitCode = code;
            exitSignal = signal;
          });
          stream.on('close', () => {
            const err = redact(Buffer.concat(stderr).toString('utf8'));
            if (exitSignal) return finish(new NftTransportError(`nft ${where} was stopped (${exitSignal})`));
            if (exitCode !== 0) return finish(new NftCommandError(where, exitCode, err));
            finish(null, { stdout: Buffer.concat(stdout).toString('utf8') });
          });
          stream.end(stdin ?? '');
        });
      });

      try {
        client.connect({
          host,
          port,
          username,
          privateKey: options.privateKey,
          ...(options.passphrase === undefined ? {} : { passphrase: options.passphrase }),
          readyTimeout: connectTimeoutMs,
          // No agent, no keyboard-interactive, no password: the configured key or nothing.
          tryKeyboard: false,
          hostVerifier: (hostKey: Buffer) => {
            const actual = sshFingerprint(hostKey);
            if (actual === pinned) return true;
            mismatch = `SSH ${where}: host key mismatch: the server presented ${actual}, but ${pinned} is pinned; refusing to connect`;
            return false;
          },
        });
      } catch (error) {
        finish(new NftTransportError(`SSH ${where}: ${redact(error instanceof Error ? error.message : String(error))}`));
      }
    });
  }

  return {
    where,
    run: (script) => exec(['-f', '-'], script),
    async list(set) {
      const { stdout } = await exec(listSetArgs(set), null);
      return parseJson(stdout, where);
    },
  };
}
