import type { OrgServiceContext, ServiceDeps } from '../../../core/context.ts';
import type { Executor, OrgId } from '../../../core/database.ts';
import type { Principal } from '../../../core/principal.ts';
import { claimNewRowKeys, linkRowKeysToAlert } from '../../../db/repos/hunt-alerted-rows.repo.ts';
import { type HuntRunRow, insertHuntRun } from '../../../db/repos/hunt-runs.repo.ts';
import { findHunt, findHuntById, type HuntRow, markHuntRun, tryLockHuntRun } from '../../../db/repos/hunts.repo.ts';
import { raiseAlert } from '../../alerts/index.ts';
import { actorOf } from '../../identity/index.ts';
import { type HuntRunOutcomeDto, toHuntRunDto } from './hunt.dto.ts';
import { huntAlert } from './hunt-alert.ts';
import { huntNotFound } from './hunt-errors.ts';
import { type HuntQueryOutcome, type HuntWindow, runHuntQuery } from './kql.ts';
import { rowKey } from './row-keys.ts';

const windowEndingAt = (hunt: HuntRow, end: Date): HuntWindow => ({ start: new Date(end.getTime() - hunt.lookback_seconds * 1000), end });

function runColumns(hunt: HuntRow, window: HuntWindow, started: Date, outcome: HuntQueryOutcome) {
  const common = { hunt_id: hunt.id, started_at: started, window_start: window.start, window_end: window.end };
  if (!outcome.ok) return { ...common, status: 'error', error_type: outcome.errorType, error_message: outcome.message };
  const { result } = outcome;
  return { ...common, status: 'ok', row_count: result.hits.length, truncated: result.truncated, took_ms: Math.round(result.took_ms) };
}

/**
 * POST /api/hunts/{id}/run: runs the query now over [now − lookback, now] as the caller (audited by the search
 * service like any query), records the run and returns it with the rows. A run on demand raises no alert.
 */
export async function runHuntNow(ctx: OrgServiceContext, huntId: number): Promise<HuntRunOutcomeDto> {
  const hunt = await findHunt(ctx.deps.db, ctx.orgId, huntId);
  if (!hunt) throw huntNotFound(huntId);
  const started = new Date();
  const window = windowEndingAt(hunt, started);
  const outcome = await runHuntQuery(ctx, hunt.query, window, true);
  const actor = actorOf(ctx);
  const run = await ctx.deps.db.transaction().execute(async (trx) => {
    const row = await insertHuntRun(trx, ctx.orgId, {
      ...runColumns(hunt, window, started, outcome),
      triggered_by: 'user',
      actor: `${actor.type}:${actor.id}`,
    });
    await markHuntRun(trx, ctx.orgId, hunt.id, started);
    return row;
  });
  return { run: toHuntRunDto(run, huntId), result: outcome.ok ? outcome.result : null };
}

/**
 * Who a scheduled run searches as: the hunt's author with a viewer's rights (reading is all a hunt does); the
 * scheduler is no user, so its runs are recorded in hunt_runs rather than audited query by query.
 */
function schedulerContext(deps: ServiceDeps, orgId: OrgId, hunt: HuntRow): OrgServiceContext {
  const [type, ...rest] = (hunt.created_by ?? '').split(':');
  const actorType: Principal['actorType'] = type === 'api_key' ? 'api_key' : 'user';
  const principal: Principal = {
    actorType,
    actorId: rest.join(':') || hunt.id,
    orgId,
    role: 'viewer',
    mustChangePassword: false,
    credential: { kind: 'machine' },
  };
  return { deps, logger: deps.logger.child({ huntId: Number(hunt.public_id) }), requestId: null, ip: null, orgId, principal };
}

/** The rows of an ok run that no earlier run of the hunt alerted on, raised as one alert. */
async function alertOnNewRows(trx: Executor, ctx: OrgServiceContext, hunt: HuntRow, window: HuntWindow, outcome: HuntQueryOutcome) {
  if (!outcome.ok || outcome.result.hits.length === 0) return { newRows: 0, alertId: null };
  const keyed = outcome.result.hits.map((row) => ({ row, key: rowKey(row) }));
  const fresh = await claimNewRowKeys(
    trx,
    ctx.orgId,
    hunt.id,
    keyed.map((item) => item.key),
  );
  const seen = new Set<string>();
  const rows = keyed.filter((item) => fresh.has(item.key) && !seen.has(item.key) && seen.add(item.key));
  if (rows.length === 0) return { newRows: 0, alertId: null };
  const keys = rows.map((item) => item.key);
  const finding = { rows: rows.map((item) => item.row), keys, returned: outcome.result.hits.length, truncated: outcome.result.truncated };
  const alertId = await raiseAlert(trx, ctx, ctx.orgId, { type: 'hunt', id: String(hunt.public_id) }, huntAlert(hunt, window, finding));
  await linkRowKeysToAlert(trx, ctx.orgId, hunt.id, keys, alertId);
  return { newRows: rows.length, alertId };
}

/**
 * search__run_hunt: one scheduled run over [windowEnd − lookback, windowEnd]. Under the hunt's run lock (a second
 * run of the same hunt finds it taken and stops), the query runs, and the run, the ledger of alerted rows and the
 * alert (only for rows no earlier run alerted on) commit together. A hunt disabled, unscheduled or deleted since it
 * was claimed does not run. Returns the run, or null when it did not run.
 */
export async function runScheduledHunt(deps: ServiceDeps, orgId: OrgId, huntUuid: string, windowEnd: Date): Promise<HuntRunRow | null> {
  return deps.db.transaction().execute(async (trx) => {
    const hunt = await findHuntById(trx, orgId, huntUuid);
    if (!hunt?.enabled || hunt.schedule_seconds === null) return null;
    if (!(await tryLockHuntRun(trx, Number(hunt.public_id)))) {
      deps.logger.info({ huntId: Number(hunt.public_id) }, 'hunt run skipped: another run of it holds the lock');
      return null;
    }
    const ctx = schedulerContext(deps, orgId, hunt);
    const started = new Date();
    const window = windowEndingAt(hunt, windowEnd);
    const outcome = await runHuntQuery(ctx, hunt.query, window, false);
    const { newRows, alertId } = await alertOnNewRows(trx, ctx, hunt, window, outcome);
    const run = await insertHuntRun(trx, orgId, {
      ...runColumns(hunt, window, started, outcome),
      triggered_by: 'schedule',
      actor: null,
      new_row_count: outcome.ok ? newRows : null,
      alert_id: alertId,
    });
    await markHuntRun(trx, orgId, hunt.id, started);
    return run;
  });
}
