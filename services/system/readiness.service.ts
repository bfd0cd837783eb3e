import { z } from 'zod';
import type { SearchBackendProbe } from '../../core/context.ts';
import type { Database } from '../../core/database.ts';
import { pendingMigrations } from '../../db/migrator.ts';
import { countLiveWorkers } from './worker-heartbeat.service.ts';

const ZCheck = z.enum(['ok', 'fail']);
type CheckState = z.infer<typeof ZCheck>;

export const ZReadiness = z.object({
  status: z.enum(['ok', 'fail']).describe('ok when every check passes'),
  db: ZCheck.describe('Database reachable within 2 s'),
  migrations: ZCheck.describe('No migration pending'),
  worker: ZCheck.describe('At least one job worker reported in the last 45 s'),
  opensearch: z.enum(['ok', 'fail', 'disabled']).describe('OpenSearch reachable, or disabled when OPENSEARCH_URL is unset'),
  opensearch_health: z
    .enum(['green', 'yellow', 'red'])
    .optional()
    .describe('The OpenSearch cluster health when reachable; red (a primary shard unassigned) fails readiness'),
  error: z.string().optional().describe('What is not ready'),
});
export type Readiness = z.infer<typeof ZReadiness>;

export const READINESS_TIMEOUT_MS = 2000;

/** Ready means: database reachable, no pending migration, a job worker alive, search backend up if configured. */
export async function checkReadiness(db: Database, searchProbe: SearchBackendProbe | null): Promise<Readiness> {
  const problems: string[] = [];
  const dbState = await withTimeout(async () => {
    const pending = await pendingMigrations(db);
    const workers = await countLiveWorkers(db);
    return { pending, workers };
  }, READINESS_TIMEOUT_MS).catch((error: unknown) => {
    problems.push(`database unreachable: ${describe(error)}`);
    return null;
  });
  if (dbState && dbState.pending.length > 0) problems.push(`pending migrations: ${dbState.pending.join(', ')}`);
  if (dbState && dbState.workers === 0) problems.push('no job worker has reported in the last minute');
  const search = searchProbe ? await probeSearch(searchProbe, problems) : { state: 'disabled' as const };
  return {
    status: problems.length === 0 ? 'ok' : 'fail',
    db: dbState ? 'ok' : 'fail',
    migrations: dbState && dbState.pending.length === 0 ? 'ok' : 'fail',
    worker: dbState && dbState.workers > 0 ? 'ok' : 'fail',
    opensearch: search.state,
    ...('health' in search && search.health ? { opensearch_health: search.health } : {}),
    ...(problems.length > 0 ? { error: problems.join('; ') } : {}),
  };
}

async function probeSearch(probe: SearchBackendProbe, problems: string[]): Promise<{ state: CheckState; health?: 'green' | 'yellow' | 'red' }> {
  try {
    const answer = await withTimeout(() => probe(), READINESS_TIMEOUT_MS);
    if (answer?.health === 'red') {
      problems.push('search backend cluster health is red');
      return { state: 'fail', health: 'red' };
    }
    return answer ? { state: 'ok', health: answer.health } : { state: 'ok' };
  } catch (error) {
    problems.push(`search backend unreachable: ${describe(error)}`);
    return { state: 'fail' };
  }
}

function withTimeout<T>(work: () => Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    work().then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0]?.slice(0, 200) ?? 'unknown error';
}
