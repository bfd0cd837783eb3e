import type { OrgServiceContext } from '../../core/context.ts';
import { AppError } from '../../core/errors.ts';
import { latestActionOn } from '../../db/repos/response-actions.repo.ts';
import { expireActionContract } from '../../jobs/contracts.ts';
import { enqueue } from '../../jobs/enqueue.ts';
import { callerActor } from './actor.ts';
import { incidentIp, loadIncident } from './incident-actions.service.ts';
import { moveAction } from './transitions.ts';

/**
 * Mini-XDR's schedule_unblock: the incident's block in force gets a new end, kept by a durable job (the
 * same one a timed block has), so a restart in between changes nothing.
 */
export async function scheduleUnblock(ctx: OrgServiceContext, incidentId: number, minutes: number) {
  const ip = incidentIp(await loadIncident(ctx, incidentId));
  const block = await latestActionOn(ctx.deps.db, ctx.orgId, ['block_ip'], ip);
  if (block?.status !== 'completed') throw new AppError('CONFLICT', `No block of ${ip} is in force: nothing to schedule an unblock for`);
  const dueAt = new Date(Date.now() + minutes * 60_000);
  await ctx.deps.db.transaction().execute(async (trx) => {
    await moveAction(trx, ctx.orgId, block.id, ['completed'], 'completed', callerActor(ctx), `unblock scheduled for ${dueAt.toISOString()}`, {
      expires_at: dueAt,
    });
    await enqueue(
      trx,
      expireActionContract,
      { v: 1, orgId: ctx.orgId, actionId: block.id },
      { runAt: dueAt, jobKey: `response:expire:${block.id}`, maxAttempts: 12 },
    );
  });
  return { status: 'scheduled' as const, due_at: dueAt.toISOString(), minutes, action_id: block.id };
}
