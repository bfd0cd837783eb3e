import { createTrigger, removeTrigger, updateTriggerConfig, ZTrigger, ZTriggerDeleted } from '../../services/triggers/index.ts';
import { orgProcedure } from '../procedures.ts';
import { ZTriggerCreateBody, ZTriggerIdParam, ZTriggerUpdateBody } from './triggers.schemas.ts';

// Triggers start response workflows by themselves: writing them is a soc_lead's decision (response:execute).

export const createTriggerProcedure = orgProcedure('response:execute')
  .meta({
    openapi: {
      method: 'POST',
      path: '/api/triggers',
      tags: ['triggers'],
      summary: 'Create a workflow trigger (soc_lead; audited; version 1 kept)',
      description:
        'Evaluated when an incident of your organisation is created, updated or escalated; a match creates the workflow (playbook_name, workflow_steps with templated parameters) once per change, started at once when auto_execute. 201. 400 naming the field for an unknown condition key, a CEL expression that does not compile, or an unknown action; 409 when the name is taken.',
    },
  })
  .input(ZTriggerCreateBody)
  .output(ZTrigger)
  .mutation(async ({ ctx, input }) => {
    ctx.response.status = 201;
    return createTrigger(ctx.service, { ...input, description: input.description ?? null, expression: input.expression ?? null });
  });

export const updateTriggerProcedure = orgProcedure('response:execute')
  .meta({
    openapi: {
      method: 'PUT',
      path: '/api/triggers/{trigger_id}',
      tags: ['triggers'],
      summary: 'Change a trigger: any subset of the create fields (a new version is kept; audited)',
      description:
        'Checked like a new trigger. Anything that differs raises `version` and keeps the whole configuration as that version (who, when). Enabling a paused trigger makes it active; an archived one must be resumed first (409).',
    },
  })
  .input(ZTriggerIdParam.extend(ZTriggerUpdateBody.shape))
  .output(ZTrigger)
  .mutation(({ ctx, input }) => {
    const { trigger_id, ...change } = input;
    return updateTriggerConfig(ctx.service, trigger_id, change);
  });

export const deleteTriggerProcedure = orgProcedure('response:execute')
  .meta({
    openapi: {
      method: 'DELETE',
      path: '/api/triggers/{trigger_id}',
      tags: ['triggers'],
      summary: 'Delete a trigger with its versions and fire records (workflows it created stay; audited)',
    },
  })
  .input(ZTriggerIdParam)
  .output(ZTriggerDeleted)
  .mutation(({ ctx, input }) => removeTrigger(ctx.service, input.trigger_id));
