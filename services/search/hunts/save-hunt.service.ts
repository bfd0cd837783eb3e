import type { OrgServiceContext } from '../../../core/context.ts';
import { findHunt, findHuntByName, type HuntChange, type HuntRow, insertHunt, updateHunt } from '../../../db/repos/hunts.repo.ts';
import { actorOf, recordAudit } from '../../identity/index.ts';
import { type HuntDto, toHuntDto } from './hunt.dto.ts';
import { duplicateHuntName, huntNotFound, invalidHunt } from './hunt-errors.ts';
import type { HuntCreateInput, HuntPatchInput } from './hunt-input.ts';
import { huntQueryIssues } from './kql.ts';

const DEFAULT_LOOKBACK_SECONDS = 86_400;

const editorOf = (ctx: OrgServiceContext) => {
  const actor = actorOf(ctx);
  return `${actor.type}:${actor.id}`;
};

function checkQuery(ctx: OrgServiceContext, query: string): void {
  const issues = huntQueryIssues(ctx, query);
  if (issues.length > 0) throw invalidHunt(issues);
}

/** POST /api/hunts: the query must compile; the name is unique in the organisation. Audited. */
export async function createHunt(ctx: OrgServiceContext, input: HuntCreateInput): Promise<HuntDto> {
  checkQuery(ctx, input.query);
  const editor = editorOf(ctx);
  return ctx.deps.db.transaction().execute(async (trx) => {
    if (await findHuntByName(trx, ctx.orgId, input.name)) throw duplicateHuntName(input.name);
    const row = await insertHunt(trx, ctx.orgId, {
      name: input.name,
      description: input.description ?? null,
      query: input.query,
      lookback_seconds: input.lookback ?? DEFAULT_LOOKBACK_SECONDS,
      schedule_seconds: input.schedule ?? null,
      severity: input.severity,
      mitre: [...new Set(input.mitre)],
      enabled: input.enabled,
      created_by: editor,
      updated_by: editor,
    });
    await recordAudit(trx, ctx, {
      orgId: ctx.orgId,
      action: 'hunt.created',
      actor: actorOf(ctx),
      target: { type: 'hunt', id: String(row.public_id) },
      details: { name: row.name, schedule_seconds: row.schedule_seconds, enabled: row.enabled },
    });
    return toHuntDto(row);
  });
}

/** The columns of a patch that differ from the hunt (an unchanged schedule keeps its slot). */
function changedColumns(row: HuntRow, patch: HuntPatchInput): HuntChange {
  const wanted: HuntChange = {
    ...(patch.name !== undefined ? { name: patch.name } : {}),
    ...(patch.description !== undefined ? { description: patch.description } : {}),
    ...(patch.query !== undefined ? { query: patch.query } : {}),
    ...(patch.lookback !== undefined ? { lookback_seconds: patch.lookback } : {}),
    ...(patch.schedule !== undefined ? { schedule_seconds: patch.schedule } : {}),
    ...(patch.severity !== undefined ? { severity: patch.severity } : {}),
    ...(patch.mitre !== undefined ? { mitre: [...new Set(patch.mitre)] } : {}),
    ...(patch.enabled !== undefined ? { enabled: patch.enabled } : {}),
  };
  const current = row as unknown as Record<string, unknown>;
  const same = (key: string, value: unknown) => JSON.stringify(current[key]) === JSON.stringify(value);
  return Object.fromEntries(Object.entries(wanted).filter(([key, value]) => !same(key, value))) as HuntChange;
}

/** PATCH /api/hunts/{id}: any subset of the create fields; a new query must compile. Audited with what changed. */
export async function patchHunt(ctx: OrgServiceContext, huntId: number, patch: HuntPatchInput): Promise<HuntDto> {
  if (patch.query !== undefined) checkQuery(ctx, patch.query);
  return ctx.deps.db.transaction().execute(async (trx) => {
    const row = await findHunt(trx, ctx.orgId, huntId);
    if (!row) throw huntNotFound(huntId);
    const change = changedColumns(row, patch);
    if (Object.keys(change).length === 0) return toHuntDto(row);
    if (change.name !== undefined && (await findHuntByName(trx, ctx.orgId, String(change.name)))) throw duplicateHuntName(String(change.name));
    const updated = await updateHunt(trx, ctx.orgId, huntId, { ...change, updated_by: editorOf(ctx) });
    if (!updated) throw huntNotFound(huntId);
    await recordAudit(trx, ctx, {
      orgId: ctx.orgId,
      action: 'hunt.updated',
      actor: actorOf(ctx),
      target: { type: 'hunt', id: String(huntId) },
      details: { changed: Object.keys(change) },
    });
    return toHuntDto(updated);
  });
}
