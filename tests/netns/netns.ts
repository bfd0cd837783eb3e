/**
 * Real network namespaces for the enforcement tests: veth pairs, addresses in 10.x, an HTTP server in
 * one namespace and a client in another. Every name is `vg<random>…` (short: interface names have at
 * most 15 characters), so test files running side by side never meet. Needs root, `ip netns` and nft;
 * without them `netnsSupport()` says why and the tests skip.
 */
import { type ChildProcess, execFile, execFileSync, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

/** Runs a setup command; throws with its stderr. */
export function sh(file: string, args: readonly string[], input?: string): string {
  return execFileSync(file, args, { encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'], ...(input === undefined ? {} : { input }) });
}

function hasCommand(file: string): boolean {
  return (spawnSync(file, ['-V'], { stdio: 'ignore' }).error as NodeJS.ErrnoException | undefined)?.code !== 'ENOENT';
}

function works(file: string, args: readonly string[]): boolean {
  try {
    sh(file, args);
    return true;
  } catch {
    return false;
  }
}

export const SSHD = '/usr/sbin/sshd';

/** Whether these tests can run here, or the one-line reason they skip. */
export function netnsSupport(options: { ssh?: boolean } = {}): { ok: true } | { ok: false; reason: string } {
  if (process.platform !== 'linux') return { ok: false, reason: 'not Linux' };
  if (process.getuid?.() !== 0) return { ok: false, reason: 'not root' };
  if (!works('ip', ['netns', 'list'])) return { ok: false, reason: '`ip netns` is unavailable (install iproute2)' };
  if (!works('nft', ['--version'])) return { ok: false, reason: 'nft is unavailable (install nftables)' };
  if (options.ssh && (!existsSync(SSHD) || !hasCommand('ssh-keygen'))) return { ok: false, reason: 'sshd is unavailable (install openssh-server)' };
  // A container without CAP_SYS_ADMIN/CAP_NET_ADMIN has the tools but cannot use them.
  const probe = `vgprobe${randomBytes(3).toString('hex')}`;
  if (!works('ip', ['netns', 'add', probe])) return { ok: false, reason: 'cannot create network namespaces here' };
  const nftWorks = works('ip', ['netns', 'exec', probe, 'nft', 'list', 'ruleset']);
  works('ip', ['netns', 'del', probe]);
  if (!nftWorks) return { ok: false, reason: 'nft cannot run inside a network namespace here' };
  return { ok: true };
}

/** A random `vg` + 4 hex characters, the stem of every name one test file uses. */
export function uniqueStem(): string {
  return `vg${randomBytes(2).toString('hex')}`;
}

/** A random /16 in 10.64.0.0-10.223.0.0 that no route of the root namespace touches. */
export function freeTestRange(): number {
  const routes = sh('ip', ['-4', 'route', 'show', 'table', 'all']);
  for (let attempt = 0; attempt < 50; attempt++) {
    const second = 64 + ((randomBytes(1)[0] ?? 0) % 160);
    if (!routes.includes(`10.${second}.`)) return second;
  }
  throw new Error('no free 10.x.0.0/16 for the namespace tests');
}

export class Namespaces {
  readonly names: string[] = [];
  private readonly processes: ChildProcess[] = [];

  add(name: string): string {
    sh('ip', ['netns', 'add', name]);
    this.names.push(name);
    // link-local addresses skip duplicate detection: until it ends, IPv6 neighbour discovery can stall the first connections
    for (const scope of ['all', 'default']) this.exec(name, 'sysctl', ['-q', '-w', `net.ipv6.conf.${scope}.accept_dad=0`]);
    this.exec(name, 'ip', ['link', 'set', 'lo', 'up']);
    return name;
  }

  exec(ns: string, file: string, args: readonly string[], input?: string): string {
    return sh('ip', ['netns', 'exec', ns, file, ...args], input);
  }

  /**
   * A veth pair between two namespaces (`null`: the root namespace), each end up with its address.
   * Only the pair's own /30 or /24 route appears in the root namespace; nothing else there changes.
   */
  link(a: { ns: string | null; ifname: string; cidr: string }, b: { ns: string | null; ifname: string; cidr: string }): void {
    sh('ip', ['link', 'add', a.ifname, 'type', 'veth', 'peer', 'name', b.ifname]);
    for (const end of [a, b]) {
      if (end.ns !== null) sh('ip', ['link', 'set', end.ifname, 'netns', end.ns]);
      const run = (args: string[]) => (end.ns === null ? sh('ip', args) : this.exec(end.ns, 'ip', args));
      run(['addr', 'add', end.cidr, 'dev', end.ifname, ...(end.cidr.includes(':') ? ['nodad'] : [])]);
      run(['link', 'set', end.ifname, 'up']);
    }
  }

  route(ns: string, via: string, family: '4' | '6' = '4'): void {
    this.exec(ns, 'ip', [`-${family}`, 'route', 'add', 'default', 'via', via]);
  }

  /** Forwarding inside this namespace only (its own sysctls, not the host's). */
  forward(ns: string): void {
    this.exec(ns, 'sysctl', ['-q', '-w', 'net.ipv4.ip_forward=1']);
    this.exec(ns, 'sysctl', ['-q', '-w', 'net.ipv6.conf.all.forwarding=1']);
  }

  /** A long-running process inside the namespace, killed by `cleanUp`. Resolves once `ready` appears on its output. */
  async start(ns: string, file: string, args: readonly string[], ready: RegExp, timeoutMs = 10_000): Promise<ChildProcess> {
    const child = spawn('ip', ['netns', 'exec', ns, file, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    this.processes.push(child);
    let output = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${file} in ${ns} did not start: ${output.slice(-500)}`)), timeoutMs);
      const onData = (chunk: Buffer) => {
        output += chunk.toString('utf8');
        if (ready.test(output)) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', onData);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`${file} in ${ns} exited (${code}): ${output.slice(-500)}`));
      });
    });
    return child;
  }

  /** Kills what it started and deletes the namespaces (their veth ends, and so the pairs, go with them). */
  cleanUp(): void {
    for (const child of this.processes) {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
    for (const name of this.names.splice(0)) {
      try {
        sh('ip', ['netns', 'del', name]);
      } catch {
        // already gone
      }
    }
  }
}

/** A tiny HTTP server listening on every address of the namespace; resolves when it listens. */
export function startHttpServer(namespaces: Namespaces, ns: string, port: number): Promise<ChildProcess> {
  const code = `require('node:http').createServer((q, s) => s.end('protected')).listen(${port}, '::', () => console.log('listening'))`;
  return namespaces.start(ns, process.execPath, ['-e', code], /listening/);
}

/**
 * From inside `ns`, an HTTP GET to the address: `ok` with the body, or `blocked` when the connection
 * cannot be made within `connectTimeoutMs` (dropped packets: no answer at all).
 */
export async function httpProbe(ns: string, host: string, port: number, connectTimeoutMs = 1500): Promise<string> {
  const code = `
    const http = require('node:http');
    const request = http.get({ host: ${JSON.stringify(host)}, port: ${port}, path: '/', agent: false }, (response) => {
      let body = '';
      response.on('data', (chunk) => (body += chunk));
      response.on('end', () => { console.log('ok ' + body); process.exit(0); });
    });
    const timer = setTimeout(() => { console.log('blocked'); process.exit(0); }, ${connectTimeoutMs});
    request.on('socket', (socket) => socket.on('connect', () => {
      clearTimeout(timer);
      setTimeout(() => { console.log('stalled'); process.exit(0); }, ${connectTimeoutMs * 3});
    }));
    request.on('error', (error) => { console.log('error ' + error.code); process.exit(0); });
  `;
  const { stdout } = await execFileAsync('ip', ['netns', 'exec', ns, process.execPath, '-e', code], { timeout: connectTimeoutMs + 10_000 });
  return stdout.trim();
}

/** Resolves once a TCP connection to host:port (from this, the root namespace) succeeds. */
export async function waitForPort(host: string, port: number, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const connected = await new Promise<boolean>((resolve) => {
      const socket = connect({ host, port });
      socket.setTimeout(500, () => {
        socket.destroy();
        resolve(false);
      });
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (connected) return;
    if (Date.now() > deadline) throw new Error(`${host}:${port} did not open within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Polls `check` until it returns a value (not undefined) or the time is up: no sleeps that depend on the machine's speed. */
export async function pollUntil<T>(check: () => Promise<T | undefined>, timeoutMs: number, intervalMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

export type RouterTopology = { att: string; rtr: string; prot: string; attacker: string; protectedHost: string; attacker6: string; protected6: string };

/**
 * attacker ↔ router ↔ protected host, IPv4 and IPv6, forwarding only inside the router namespace; the
 * host's own firewall and forwarding are never touched. Cleans up and rethrows when a step fails.
 */
export function buildRouterTopology(namespaces: Namespaces, stem: string): RouterTopology {
  const net = freeTestRange();
  const topology = {
    att: `${stem}att`,
    rtr: `${stem}rtr`,
    prot: `${stem}prot`,
    attacker: `10.${net}.1.2`,
    protectedHost: `10.${net}.2.2`,
    attacker6: `fd00:${net}:1::2`,
    protected6: `fd00:${net}:2::2`,
  };
  const { att, rtr, prot } = topology;
  try {
    for (const name of [att, rtr, prot]) namespaces.add(name);
    namespaces.link({ ns: att, ifname: `${stem}a0`, cidr: `${topology.attacker}/24` }, { ns: rtr, ifname: `${stem}r0`, cidr: `10.${net}.1.1/24` });
    namespaces.link({ ns: rtr, ifname: `${stem}r1`, cidr: `10.${net}.2.1/24` }, { ns: prot, ifname: `${stem}p0`, cidr: `${topology.protectedHost}/24` });
    namespaces.exec(att, 'ip', ['addr', 'add', `${topology.attacker6}/64`, 'dev', `${stem}a0`, 'nodad']);
    namespaces.exec(rtr, 'ip', ['addr', 'add', `fd00:${net}:1::1/64`, 'dev', `${stem}r0`, 'nodad']);
    namespaces.exec(rtr, 'ip', ['addr', 'add', `fd00:${net}:2::1/64`, 'dev', `${stem}r1`, 'nodad']);
    namespaces.exec(prot, 'ip', ['addr', 'add', `${topology.protected6}/64`, 'dev', `${stem}p0`, 'nodad']);
    namespaces.route(att, `10.${net}.1.1`);
    namespaces.route(prot, `10.${net}.2.1`);
    namespaces.route(att, `fd00:${net}:1::1`, '6');
    namespaces.route(prot, `fd00:${net}:2::1`, '6');
    namespaces.forward(rtr);
    return topology;
  } catch (error) {
    namespaces.cleanUp();
    throw error;
  }
}

/**
 * Waits until the attacker reaches the host (a fresh topology's first connections may wait on neighbour
 * discovery): bounded polling, never a fixed sleep.
 */
export function waitUntilReachable(ns: string, host: string, port: number, timeoutMs = 20_000): Promise<string> {
  return pollUntil(async () => {
    const answer = await httpProbe(ns, host, port);
    return answer.startsWith('ok') ? answer : undefined;
  }, timeoutMs);
}
