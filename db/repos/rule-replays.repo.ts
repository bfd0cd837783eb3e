import { type Insertable, type Selectable, sql } from 'kysely';
import type { Executor, OrgId } from '../../core/database.ts';
import type { RuleReplays } from '../schema.generated.ts';

export type RuleReplayRow = Selectable<RuleReplays>;
export type NewRuleReplay = Omit<Insertable<RuleReplays>, 'org_id' | 'id' | 'status' | 'created_at'>;

export function insertRuleReplay(db: Executor, orgId: OrgId, replay: NewRuleReplay): Promise<RuleReplayRow> {
  return db
    .insertInto('rule_replays')
    .values({ ...replay, org_id: orgId })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function findRuleReplay(db: Executor, orgId: OrgId, replayId: number): Promise<RuleReplayRow | undefined> {
  return db.selectFrom('rule_replays').selectAll().where('rule_replays.org_id', '=', orgId).where('rule_replays.id', '=', replayId).executeTakeFirst();
}

/** The newest replay of a rule (what GET /api/rules/{id}/replay shows). */
export function findLatestRuleReplay(db: Executor, orgId: OrgId, ruleId: string): Promise<RuleReplayRow | undefined> {
  return db
    .selectFrom('rule_replays')
    .selectAll()
    .where('rule_replays.org_id', '=', orgId)
    .where('rule_replays.rule_id', '=', ruleId)
    .orderBy('rule_replays.id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function markRuleReplayRunning(db: Executor, orgId: OrgId, replayId: number, eventsTotal: number): Promise<void> {
  await db
    .updateTable('rule_replays')
    .set({ status: 'running', started_at: sql`now()`, events_total: eventsTotal, events_scanned: 0 })
    .where('org_id', '=', orgId)
    .where('id', '=', replayId)
    .execute();
}

export async function recordRuleReplayProgress(db: Executor, orgId: OrgId, replayId: number, eventsScanned: number): Promise<void> {
  await db.updateTable('rule_replays').set({ events_scanned: eventsScanned }).where('org_id', '=', orgId).where('id', '=', replayId).execute();
}

export async function finishRuleReplay(
  db: Executor,
  orgId: OrgId,
  replayId: number,
  outcome: { status: 'completed'; result: unknown; eventsScanned: number } | { status: 'failed'; error: string },
): Promise<void> {
  await db
    .updateTable('rule_replays')
    .set(
      outcome.status === 'completed'
        ? { status: 'completed', result: JSON.stringify(outcome.result), events_scanned: outcome.eventsScanned, finished_at: sql`now()` }
        : { status: 'failed', error: outcome.error, finished_at: sql`now()` },
    )
    .where('org_id', '=', orgId)
    .where('id', '=', replayId)
    .execute();
}
