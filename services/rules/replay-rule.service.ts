import type { OrgServiceContext, ServiceDeps } from '../../core/context.ts';
import type { OrgId } from '../../core/database.ts';
import { AppError } from '../../core/errors.ts';
import { countEventsInTimeRange, selectRuleEventsInTimeRange } from '../../db/queries/rules.ts';
import {
  findLatestRuleReplay,
  findRuleReplay,
  finishRuleReplay,
  insertRuleReplay,
  markRuleReplayRunning,
  recordRuleReplayProgress,
} from '../../db/repos/rule-replays.repo.ts';
import { findRuleVersion } from '../../db/repos/rule-versions.repo.ts';
import { findRuleByPublicId, listRulesByIds, RULE_KINDS, type RuleRow } from '../../db/repos/rules.repo.ts';
import type { RuleFormat, RuleInput } from '../../engines/rules/program.ts';
import { replayRuleContract } from '../../jobs/contracts.ts';
import { enqueue } from '../../jobs/enqueue.ts';
import { actorOf, recordAudit } from '../identity/index.ts';
import { type RuleReplayDto, toRuleReplayDto } from './replay.dto.ts';
import { diffSides, finishSide, newSide, replayPage } from './replay-sides.ts';
import { checkRule } from './rule-check.ts';
import { invalidRuleField, ruleNotFound, ruleNotRunnable } from './rule-errors.ts';
import { ruleEventOfRow } from './rule-events.ts';
import { ruleInputOf } from './rule-input.ts';

export const MAX_REPLAY_DAYS = 31;
const DAY_MS = 86_400_000;
const PAGE = 5000;

export type ReplayRequest = { from?: Date | undefined; to?: Date | undefined; rule?: string | undefined; version?: number | undefined };
type ReplayDraft = { source: string; format: RuleFormat; version: number | null; label: string };

/**
 * POST /api/rules/{id}/replay: a draft (`rule`, Sigma text) or a stored version, run over a stored time range as a
 * background job with the live semantics, to report the alerts it would add and remove against the running version.
 */
export function requestRuleReplay(ctx: OrgServiceContext, ruleId: number, request: ReplayRequest): Promise<RuleReplayDto> {
  if (request.rule !== undefined && request.version !== undefined) throw invalidRuleField('rule', 'give a draft (rule) or a version, not both');
  const to = request.to ?? new Date();
  const from = request.from ?? new Date(to.getTime() - DAY_MS);
  if (from >= to) throw invalidRuleField('from', 'must be before to');
  if (to.getTime() - from.getTime() > MAX_REPLAY_DAYS * DAY_MS) throw invalidRuleField('from', `the range is at most ${MAX_REPLAY_DAYS} days`);
  return ctx.deps.db.transaction().execute(async (trx) => {
    const rule = await findRuleByPublicId(trx, ctx.orgId, ruleId, RULE_KINDS);
    if (!rule) throw ruleNotFound(ruleId);
    const draft = await draftOf(ctx, rule, request);
    const check = await checkRule(trx, ctx.orgId, { ...ruleInputOf(rule), source: draft.source, format: draft.format });
    if (!check.executable) throw ruleNotRunnable(request.rule !== undefined ? 'rule' : 'version', check.problems);
    const actor = actorOf(ctx);
    const row = await insertRuleReplay(trx, ctx.orgId, {
      rule_id: rule.id,
      draft: JSON.stringify(draft),
      range_from: from,
      range_to: to,
      requested_by: `${actor.type}:${actor.id}`,
    });
    await enqueue(trx, replayRuleContract, { v: 1, orgId: ctx.orgId, replayId: Number(row.id) });
    await recordAudit(trx, ctx, {
      orgId: ctx.orgId,
      action: 'rule.replay_requested',
      actor,
      target: { type: 'rule', id: String(rule.public_id) },
      details: { replay: Number(row.id) },
    });
    return toRuleReplayDto(row, rule.public_id);
  });
}

async function draftOf(ctx: OrgServiceContext, rule: RuleRow, request: ReplayRequest): Promise<ReplayDraft> {
  if (request.rule !== undefined) {
    if (rule.format !== 'sigma') throw invalidRuleField('rule', 'a draft replaces a Sigma rule; this rule is not one');
    return { source: request.rule, format: 'sigma', version: null, label: 'draft' };
  }
  if (request.version === undefined) return { source: rule.source, format: rule.format as RuleFormat, version: rule.version, label: `version ${rule.version}` };
  const version = await findRuleVersion(ctx.deps.db, ctx.orgId, rule.id, request.version);
  if (!version) throw new AppError('NOT_FOUND', `Rule ${rule.public_id} has no version ${request.version}`);
  return { source: version.source, format: version.format as RuleFormat, version: version.version, label: `version ${version.version}` };
}

/** GET /api/rules/{id}/replay: the newest replay of the rule, with its progress and, once done, its result. */
export async function getLatestRuleReplay(ctx: OrgServiceContext, ruleId: number): Promise<RuleReplayDto> {
  const rule = await findRuleByPublicId(ctx.deps.db, ctx.orgId, ruleId, RULE_KINDS);
  if (!rule) throw ruleNotFound(ruleId);
  const replay = await findLatestRuleReplay(ctx.deps.db, ctx.orgId, rule.id);
  if (!replay) throw new AppError('NOT_FOUND', `Rule ${ruleId} has not been replayed`);
  return toRuleReplayDto(replay, rule.public_id);
}

/** The replay job: both versions over the range, page by page, progress recorded; a failure is recorded, not thrown. */
export async function runRuleReplay(deps: ServiceDeps, orgId: OrgId, replayId: number): Promise<void> {
  const replay = await findRuleReplay(deps.db, orgId, replayId);
  if (!replay || replay.status === 'completed' || replay.status === 'failed') return;
  const [rule] = await listRulesByIds(deps.db, orgId, [replay.rule_id]);
  if (!rule) return finishRuleReplay(deps.db, orgId, replayId, { status: 'failed', error: 'the rule was deleted' });
  try {
    const draft = replay.draft as ReplayDraft;
    const current: RuleInput = ruleInputOf(rule);
    const baselineCheck = await checkRule(deps.db, orgId, current);
    const candidateCheck = await checkRule(deps.db, orgId, { ...current, source: draft.source, format: draft.format });
    const baseline = newSide(`version ${rule.version}`, rule.version, baselineCheck.executable ? baselineCheck.plan : null, rule.id);
    const candidate = newSide(draft.label, draft.version, candidateCheck.plan, rule.id);
    const range = { from: replay.range_from, to: replay.range_to };
    await markRuleReplayRunning(deps.db, orgId, replayId, await countEventsInTimeRange(deps.db, orgId, range));
    let scanned = 0;
    for (let afterId = 0; ; ) {
      const rows = await selectRuleEventsInTimeRange(deps.db, orgId, range, afterId, PAGE);
      if (rows.length === 0) break;
      const events = rows.map(ruleEventOfRow);
      const ids = rows.map((row) => Number(row.id));
      replayPage(baseline, events, ids);
      replayPage(candidate, events, ids);
      scanned += rows.length;
      afterId = ids.at(-1) as number;
      await recordRuleReplayProgress(deps.db, orgId, replayId, scanned);
    }
    finishSide(baseline);
    finishSide(candidate);
    await finishRuleReplay(deps.db, orgId, replayId, { status: 'completed', result: diffSides(baseline, candidate), eventsScanned: scanned });
  } catch (error) {
    await finishRuleReplay(deps.db, orgId, replayId, { status: 'failed', error: error instanceof Error ? error.message.slice(0, 500) : String(error) });
  }
}
