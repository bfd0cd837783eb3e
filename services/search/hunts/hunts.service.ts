import type { z } from 'zod';
import type { OrgServiceContext } from '../../../core/context.ts';
import { listHuntRuns } from '../../../db/repos/hunt-runs.repo.ts';
import { deleteHunt, findHunt, type HuntFilter, listHunts } from '../../../db/repos/hunts.repo.ts';
import { actorOf, recordAudit } from '../../identity/index.ts';
import { type HuntDto, toHuntDto, toHuntRunDto, type ZHuntDeleted, type ZHuntRunPage } from './hunt.dto.ts';
import { huntNotFound } from './hunt-errors.ts';

export async function listOrgHunts(ctx: OrgServiceContext, filter: HuntFilter): Promise<HuntDto[]> {
  return (await listHunts(ctx.deps.db, ctx.orgId, filter)).map(toHuntDto);
}

export async function getHunt(ctx: OrgServiceContext, huntId: number): Promise<HuntDto> {
  const row = await findHunt(ctx.deps.db, ctx.orgId, huntId);
  if (!row) throw huntNotFound(huntId);
  return toHuntDto(row);
}

/** Deletes the hunt with its runs and its ledger; the alerts it raised stay. Audited. */
export function removeHunt(ctx: OrgServiceContext, huntId: number): Promise<z.infer<typeof ZHuntDeleted>> {
  return ctx.deps.db.transaction().execute(async (trx) => {
    const row = await deleteHunt(trx, ctx.orgId, huntId);
    if (!row) throw huntNotFound(huntId);
    await recordAudit(trx, ctx, {
      orgId: ctx.orgId,
      action: 'hunt.deleted',
      actor: actorOf(ctx),
      target: { type: 'hunt', id: String(huntId) },
      details: { name: row.name },
    });
    return { success: true as const, message: `Hunt '${row.name}' deleted` };
  });
}

/** GET /api/hunts/{id}/runs: newest first, one row more than the page read to know whether an older page exists. */
export async function listHuntRunHistory(
  ctx: OrgServiceContext,
  huntId: number,
  page: { limit: number; beforeId?: number | undefined },
): Promise<z.infer<typeof ZHuntRunPage>> {
  const hunt = await findHunt(ctx.deps.db, ctx.orgId, huntId);
  if (!hunt) throw huntNotFound(huntId);
  const rows = await listHuntRuns(ctx.deps.db, ctx.orgId, hunt.id, { ...page, limit: page.limit + 1 });
  const items = rows.slice(0, page.limit).map((row) => toHuntRunDto(row, huntId));
  return { items, next_cursor: rows.length > page.limit ? (items.at(-1)?.id ?? null) : null };
}
