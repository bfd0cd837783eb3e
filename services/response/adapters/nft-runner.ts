import { spawn } from 'node:child_process';
import { listSetArgs, type NftSetRef } from '../../../engines/response/nft-script.ts';

/**
 * Where nft runs: on this host (optionally inside a network namespace) or on another host over SSH.
 * The adapter hands it only scripts built by `engines/response/nft-script.ts`.
 */
export interface NftRunner {
  /** Where nft runs, for details and errors: `on this host`, `in netns fw1`, `on ops@fw1:22`. Never holds a secret. */
  readonly where: string;
  /** Runs an nft script (`nft -f -`, the script on stdin). Rejects with `NftCommandError` when nft refuses it. */
  run(script: string): Promise<{ stdout: string }>;
  /** `nft -j list set …`, parsed as JSON. */
  list(set: NftSetRef): Promise<unknown>;
}

/** nft ran and refused (exit status not 0): the enforcement point's own answer. */
export class NftCommandError extends Error {
  readonly exitCode: number | null;
  readonly stderr: string;
  constructor(where: string, exitCode: number | null, stderr: string) {
    super(`nft ${where} failed${exitCode === null ? '' : ` with status ${exitCode}`}: ${summariseStderr(stderr)}`);
    this.name = 'NftCommandError';
    this.exitCode = exitCode;
    this.stderr = stderr;
  }
}

/** nft could not be reached or run at all (not installed, SSH refused, timeout). */
export class NftTransportError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'NftTransportError';
  }
}

/** nft's error lines without the echoed script line and caret markers, at most ~400 characters. */
export function summariseStderr(stderr: string): string {
  const lines = stderr
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !/^\^+$/.test(line));
  const errors = lines.filter((line) => /error/i.test(line));
  const text = (errors.length > 0 ? errors : lines).join('; ');
  return text.length > 400 ? `${text.slice(0, 400)}…` : text || '(no output)';
}

/** Network namespace names as `ip netns` keeps them (files under /run/netns): no `/`, no leading dot. */
const NETNS = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
/** A command name or an absolute path, nothing a shell or `ip netns exec` would read differently. */
const COMMAND = /^(?:[a-z][a-z0-9_-]{0,31}|\/[A-Za-z0-9_./-]{1,200})$/;

export function assertCommandPath(value: string, what: string): void {
  if (!COMMAND.test(value) || value.includes('..'))
    throw new Error(`${what} must be a command name or an absolute path, got ${JSON.stringify(value.slice(0, 60))}`);
}

const FIXED_ENV = { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', LC_ALL: 'C' };

export type LocalNftRunnerOptions = {
  /** Run inside this network namespace (`ip netns exec <netns> nft …`); needs root or CAP_SYS_ADMIN. */
  netns?: string;
  /** The nft binary (default `nft`, looked up in the standard sbin and bin directories). */
  nftCommand?: string;
  /** The ip binary, for `netns` (default `ip`). */
  ipCommand?: string;
  /** Kills nft after this long (default 10 s). */
  timeoutMs?: number;
};

/** nft on the Vigil host: spawned directly (no shell), the script on stdin. */
export function createLocalNftRunner(options: LocalNftRunnerOptions = {}): NftRunner {
  const nft = options.nftCommand ?? 'nft';
  const ip = options.ipCommand ?? 'ip';
  assertCommandPath(nft, 'nftCommand');
  assertCommandPath(ip, 'ipCommand');
  if (options.netns !== undefined && (!NETNS.test(options.netns) || options.netns.includes('..'))) {
    throw new Error(`netns ${JSON.stringify(options.netns.slice(0, 60))} is not a valid network namespace name`);
  }
  const timeoutMs = options.timeoutMs ?? 10_000;
  const netns = options.netns;
  const where = netns === undefined ? 'on this host' : `in netns ${netns}`;
  const command = (args: string[]): [string, string[]] => (netns === undefined ? [nft, args] : [ip, ['netns', 'exec', netns, nft, ...args]]);

  function exec(args: string[], stdin: string | null): Promise<{ stdout: string }> {
    const [file, argv] = command(args);
    return new Promise((resolve, reject) => {
      // A fixed environment: nothing inherited reaches a privileged command, and messages stay in English.
      const child = spawn(file, argv, { stdio: ['pipe', 'pipe', 'pipe'], env: FIXED_ENV });
      const stdout: Buffer[] = [];
      const stderr: Buffer[] = [];
      let settled = false;
      const settle = (error: Error | null, result?: { stdout: string }) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (error) reject(error);
        else if (result) resolve(result);
      };
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        // Whatever it started may hold the pipes open; stop waiting for them.
        child.stdout.destroy();
        child.stderr.destroy();
        settle(new NftTransportError(`nft ${where} was stopped after ${timeoutMs} ms`));
      }, timeoutMs);
      child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
      child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
      child.stdin.on('error', () => {
        // nft exiting before reading stdin (bad arguments): the exit status says why.
      });
      child.on('error', (error) => settle(new NftTransportError(`cannot run ${file} ${where}: ${error.message}`, { cause: error })));
      child.on('close', (code, signal) => {
        if (signal) return settle(new NftTransportError(`nft ${where} was stopped (${signal})`));
        if (code !== 0) return settle(new NftCommandError(where, code, Buffer.concat(stderr).toString('utf8')));
        settle(null, { stdout: Buffer.concat(stdout).toString('utf8') });
      });
      child.stdin.end(stdin ?? '');
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

export function parseJson(stdout: string, where: string): unknown {
  try {
    return JSON.parse(stdout);
  } catch {
    throw new NftTransportError(`nft ${where} did not print JSON (${JSON.stringify(stdout.slice(0, 80))})`);
  }
}
