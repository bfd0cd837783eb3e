import type { OrgServiceContext } from '../../core/context.ts';
import {
  deleteTrigger,
  findTrigger,
  listTriggers,
  lockTrigger,
  setTriggersState,
  type TriggerFilter,
  type TriggerStatus,
  triggerStats,
} from '../../db/repos/workflow-triggers.repo.ts';
import { actorOf, recordAudit } from '../identity/index.ts';
import { insertCheckedTrigger, type TriggerDraft, updateCheckedTrigger } from './save-trigger.ts';
import { type TriggerDto, type TriggerPriority, toTriggerDto } from './trigger.dto.ts';
import { triggerNotFound } from './trigger-errors.ts';

export type TriggerCreate = TriggerDraft;
export type TriggerUpdate = Partial<TriggerDraft>;

/** GET /api/triggers: the organisation's triggers, highest priority first (by rank). */
export async function listOrgTriggers(ctx: OrgServiceContext, filter: TriggerFilter): Promise<TriggerDto[]> {
  return (await listTriggers(ctx.deps.db, ctx.orgId, filter)).map(toTriggerDto);
}

export async function getTrigger(ctx: OrgServiceContext, triggerId: number): Promise<TriggerDto> {
  const row = await findTrigger(ctx.deps.db, ctx.orgId, triggerId);
  if (!row) throw triggerNotFound(triggerId);
  return toTriggerDto(row);
}

/** POST /api/triggers: conditions, expression and steps checked; version 1 kept; audited. */
export function createTrigger(ctx: OrgServiceContext, input: TriggerCreate): Promise<TriggerDto> {
  return ctx.deps.db.transaction().execute(async (trx) => toTriggerDto(await insertCheckedTrigger(trx, ctx, input)));
}

/** PUT /api/triggers/{id}: any subset of the create fields, under the trigger's row lock; a change keeps a new version. */
export function updateTriggerConfig(ctx: OrgServiceContext, triggerId: number, change: TriggerUpdate, editor?: string): Promise<TriggerDto> {
  return ctx.deps.db.transaction().execute(async (trx) => {
    const existing = await lockTrigger(trx, ctx.orgId, triggerId);
    if (!existing) throw triggerNotFound(triggerId);
    return toTriggerDto(await updateCheckedTrigger(trx, ctx, existing, change, { editor }));
  });
}

export function removeTrigger(ctx: OrgServiceContext, triggerId: number): Promise<{ success: boolean; message: string }> {
  return ctx.deps.db.transaction().execute(async (trx) => {
    const existing = await lockTrigger(trx, ctx.orgId, triggerId);
    if (!existing || !(await deleteTrigger(trx, ctx.orgId, triggerId))) throw triggerNotFound(triggerId);
    await recordAudit(trx, ctx, {
      orgId: ctx.orgId,
      action: 'trigger.deleted',
      actor: actorOf(ctx),
      target: { type: 'trigger', id: String(triggerId) },
      details: { name: existing.name, version: existing.version },
    });
    return { success: true, message: `Trigger '${existing.name}' deleted` };
  });
}

/** POST /api/triggers/{id}/enable and /disable. Enabling a paused trigger makes it active; an archived one is a 409. */
export async function setTriggerEnabled(ctx: OrgServiceContext, triggerId: number, enabled: boolean): Promise<{ success: boolean; trigger: TriggerDto }> {
  return { success: true, trigger: await updateTriggerConfig(ctx, triggerId, { enabled }) };
}

export type TriggerSettings = {
  auto_execute?: boolean | undefined;
  priority?: TriggerPriority | undefined;
  enabled?: boolean | undefined;
  editor?: string | undefined;
};

/** PATCH /api/triggers/{id}/settings: auto_execute, priority, enabled (a new version; the editor's name is kept with it). */
export async function updateTriggerSettings(ctx: OrgServiceContext, triggerId: number, settings: TriggerSettings) {
  const trigger = await updateTriggerConfig(
    ctx,
    triggerId,
    { auto_execute: settings.auto_execute, priority: settings.priority, enabled: settings.enabled },
    settings.editor,
  );
  const { id, name, auto_execute, priority, enabled, status } = trigger;
  return { success: true, message: `Trigger '${name}' settings updated`, trigger: { id, name, auto_execute, priority, enabled, status } };
}

const BULK_STATES: Record<'pause' | 'resume' | 'archive', { enabled: boolean; status: TriggerStatus }> = {
  pause: { enabled: false, status: 'paused' },
  resume: { enabled: true, status: 'active' },
  archive: { enabled: false, status: 'archived' },
};

/** POST /api/triggers/bulk/pause|resume|archive: the organisation's triggers among the ids; others are reported as not found. */
export function bulkSetTriggers(
  ctx: OrgServiceContext,
  operation: keyof typeof BULK_STATES,
  ids: readonly number[],
): Promise<{ count: number; notFound: number[] }> {
  const unique = [...new Set(ids)];
  return ctx.deps.db.transaction().execute(async (trx) => {
    const changed = await setTriggersState(trx, ctx.orgId, unique, BULK_STATES[operation]);
    if (changed.length > 0) {
      await recordAudit(trx, ctx, {
        orgId: ctx.orgId,
        action: `trigger.bulk_${operation}`,
        actor: actorOf(ctx),
        target: { type: 'trigger', id: changed.join(',').slice(0, 200) },
        details: { ids: changed },
      });
    }
    const found = new Set(changed);
    return { count: changed.length, notFound: unique.filter((id) => !found.has(id)) };
  });
}

export function getTriggerStats(ctx: OrgServiceContext) {
  return triggerStats(ctx.deps.db, ctx.orgId);
}
