import type { OrgServiceContext } from '../../core/context.ts';
import type { Executor } from '../../core/database.ts';
import { isAppError } from '../../core/errors.ts';
import { recordTriggerVersion } from '../../db/repos/workflow-trigger-versions.repo.ts';
import { findTriggerByName, insertTrigger, type TriggerChange, type TriggerRow, updateTrigger } from '../../db/repos/workflow-triggers.repo.ts';
import { compileMatcher } from '../../engines/triggers/index.ts';
import { actorOf, recordAudit } from '../identity/index.ts';
import { planSteps, type WorkflowStepInput } from '../response/index.ts';
import type { TriggerPriority } from './trigger.dto.ts';
import { archivedTrigger, duplicateTriggerName, invalidTrigger } from './trigger-errors.ts';

export type TriggerDraft = {
  name: string;
  description: string | null;
  category: string;
  enabled: boolean;
  auto_execute: boolean;
  priority: TriggerPriority;
  conditions: Record<string, unknown>;
  expression: string | null;
  playbook_name: string;
  workflow_steps: WorkflowStepInput[];
  cooldown_seconds: number;
  max_triggers_per_day: number;
  tags: string[];
};

/** The steps as the workflow will take them: an unknown action or a bad parameter is refused now, not when it fires. */
function stepIssues(steps: readonly WorkflowStepInput[]): { path: string; message: string }[] {
  try {
    planSteps(steps);
    return [];
  } catch (error) {
    if (!isAppError(error)) throw error;
    const issues = error.issues ?? [{ path: 'steps', message: error.message }];
    return issues.map((issue) => ({
      path: issue.path.replace(/^steps/, 'workflow_steps'),
      message: issue.path.endsWith('action_type') ? error.message.replace(/^steps\.\d+\.action_type: /, '') : issue.message,
    }));
  }
}

/** Conditions (known keys, well-formed), the CEL expression (compiles, bool) and the steps, every issue naming its field. */
export function checkTriggerDraft(draft: Pick<TriggerDraft, 'conditions' | 'expression' | 'workflow_steps'>): void {
  const { issues } = compileMatcher(draft.conditions, draft.expression);
  const all = [...issues, ...stepIssues(draft.workflow_steps)];
  if (all.length > 0) throw invalidTrigger(all);
}

const editorOf = (ctx: OrgServiceContext) => {
  const actor = actorOf(ctx);
  return `${actor.type}:${actor.id}`;
};

function columns(draft: TriggerDraft) {
  return {
    name: draft.name,
    description: draft.description,
    category: draft.category,
    // a disabled trigger stays active (status) so that enabling it is enough; paused and archived are the bulk states
    enabled: draft.enabled,
    auto_execute: draft.auto_execute,
    priority: draft.priority,
    conditions: JSON.stringify(draft.conditions),
    expression: draft.expression,
    playbook_name: draft.playbook_name,
    workflow_steps: JSON.stringify(draft.workflow_steps),
    cooldown_seconds: draft.cooldown_seconds,
    max_triggers_per_day: draft.max_triggers_per_day,
    tags: [...new Set(draft.tags)],
  };
}

export async function insertCheckedTrigger(trx: Executor, ctx: OrgServiceContext, draft: TriggerDraft): Promise<TriggerRow> {
  checkTriggerDraft(draft);
  if (await findTriggerByName(trx, ctx.orgId, draft.name)) throw duplicateTriggerName(draft.name);
  const editor = editorOf(ctx);
  const row = await insertTrigger(trx, ctx.orgId, { ...columns(draft), status: 'active', created_by: editor, updated_by: editor });
  await recordTriggerVersion(trx, ctx.orgId, row, editor);
  await recordAudit(trx, ctx, {
    orgId: ctx.orgId,
    action: 'trigger.created',
    actor: actorOf(ctx),
    target: { type: 'trigger', id: String(row.id) },
    details: { name: row.name, enabled: row.enabled, auto_execute: row.auto_execute, priority: row.priority },
  });
  return row;
}

const CONFIG_FIELDS = [
  'name',
  'description',
  'category',
  'enabled',
  'auto_execute',
  'priority',
  'conditions',
  'expression',
  'playbook_name',
  'workflow_steps',
  'cooldown_seconds',
  'max_triggers_per_day',
  'tags',
] as const;

function draftOf(row: TriggerRow): TriggerDraft {
  return {
    name: row.name,
    description: row.description,
    category: row.category,
    enabled: row.enabled,
    auto_execute: row.auto_execute,
    priority: row.priority as TriggerPriority,
    conditions: (row.conditions ?? {}) as Record<string, unknown>,
    expression: row.expression,
    playbook_name: row.playbook_name,
    workflow_steps: (row.workflow_steps ?? []) as WorkflowStepInput[],
    cooldown_seconds: row.cooldown_seconds,
    max_triggers_per_day: row.max_triggers_per_day,
    tags: row.tags,
  };
}

/**
 * Applies a change to a locked trigger: checked like a new one; when anything differs the version rises and the
 * new version is kept (who, when, the whole configuration). Enabling a paused trigger makes it active again; an
 * archived one must be resumed first (409).
 */
export async function updateCheckedTrigger(
  trx: Executor,
  ctx: OrgServiceContext,
  existing: TriggerRow,
  change: Partial<TriggerDraft>,
  extra: { status?: 'active' | 'paused' | 'archived'; editor?: string | undefined } = {},
): Promise<TriggerRow> {
  const before = draftOf(existing);
  const draft: TriggerDraft = { ...before, ...Object.fromEntries(Object.entries(change).filter(([, value]) => value !== undefined)) };
  const changed = CONFIG_FIELDS.filter((field) => JSON.stringify(draft[field]) !== JSON.stringify(before[field]));
  const enabling = draft.enabled && !existing.enabled;
  if (enabling && existing.status === 'archived' && extra.status === undefined) throw archivedTrigger(existing.id);
  const status = extra.status ?? (enabling ? 'active' : (existing.status as 'active' | 'paused' | 'archived'));
  if (changed.length === 0 && status === existing.status) return existing;
  if (changed.some((field) => field === 'conditions' || field === 'expression' || field === 'workflow_steps')) checkTriggerDraft(draft);
  if (changed.includes('name') && (await findTriggerByName(trx, ctx.orgId, draft.name))) throw duplicateTriggerName(draft.name);
  const editor = extra.editor ? `${editorOf(ctx)} (${extra.editor})` : editorOf(ctx);
  const patch: TriggerChange = { ...columns(draft), status, enabled: status === 'active' ? draft.enabled : false, updated_by: editor };
  const newVersion = changed.length > 0;
  const row = await updateTrigger(trx, ctx.orgId, existing.id, patch, newVersion);
  if (!row) throw new Error(`trigger ${existing.id} vanished under its row lock`);
  if (newVersion) await recordTriggerVersion(trx, ctx.orgId, row, editor);
  await recordAudit(trx, ctx, {
    orgId: ctx.orgId,
    action: 'trigger.updated',
    actor: actorOf(ctx),
    target: { type: 'trigger', id: String(row.id) },
    details: { changed, version: row.version, status: { from: existing.status, to: row.status }, enabled: { from: existing.enabled, to: row.enabled } },
  });
  return row;
}
