import { z } from 'zod';
import {
  ACTION_STATUSES,
  createTrackedAction,
  getResponseAction,
  listActionLogs,
  listOrgResponseActions,
  updateTrackedAction,
  ZActionLog,
  ZResponseAction,
} from '../../services/response/index.ts';
import { orgProcedure } from '../procedures.ts';

const ZId = (what: string) =>
  z.coerce
    .number({ error: 'must be a positive integer' })
    .int('must be a positive integer')
    .min(1, 'must be a positive integer')
    .max(Number.MAX_SAFE_INTEGER)
    .describe(what);
const ZLimit = z.coerce.number().int().min(1).max(500).default(100);
const ZDetails = z.record(z.string(), z.unknown()).refine((value) => JSON.stringify(value).length <= 16_384, 'must be at most 16 KiB of JSON');

export const listActionsProcedure = orgProcedure('incidents:read')
  .meta({
    openapi: {
      method: 'GET',
      path: '/actions',
      tags: ['response'],
      summary: 'Response actions, newest first (EventSec)',
      description: '`?incident_id=`, `?alert_id=`, `?limit=` (≤ 500).',
    },
  })
  .input(z.object({ incident_id: ZId('Incident id').optional(), alert_id: ZId('Alert id').optional(), limit: ZLimit }))
  .output(z.array(ZResponseAction))
  .query(({ ctx, input }) => listOrgResponseActions(ctx.service, { incidentId: input.incident_id, alertId: input.alert_id }, input.limit));

export const createActionProcedure = orgProcedure('response:execute')
  .meta({
    openapi: {
      method: 'POST',
      path: '/actions',
      tags: ['response'],
      summary: 'Request a response action (EventSec): executed for real, or tracked by hand',
      description:
        'Body `{action_type, target, ttl_minutes?, status?, details?, incident_id?, alert_id?, dry_run?}`. A type from GET /api/response/actions is carried out at the enforcement points now (the answer has its status and every transition); any other type is recorded as a manual task (executable: false) that only people move. Answers 201.',
    },
  })
  .input(
    z.object({
      action_type: z
        .string()
        .trim()
        .regex(/^[a-z][a-z0-9_]{0,63}$/, 'lower-case letters, digits and _'),
      target: z.string().trim().min(1, 'must not be blank').max(2048),
      ttl_minutes: z.number().positive().max(525_600).optional(),
      status: z.enum(ACTION_STATUSES).optional(),
      details: ZDetails.optional(),
      incident_id: ZId('Incident id').optional(),
      alert_id: ZId('Alert id').optional(),
      dry_run: z.boolean().optional(),
    }),
  )
  .output(ZResponseAction)
  .mutation(async ({ ctx, input }) => {
    const action = await createTrackedAction(ctx.service, input);
    ctx.response.status = 201;
    return action;
  });

export const getActionProcedure = orgProcedure('incidents:read')
  .meta({ openapi: { method: 'GET', path: '/actions/{action_id}', tags: ['response'], summary: 'One response action with every transition (actor and time)' } })
  .input(z.object({ action_id: ZId('Action id') }))
  .output(ZResponseAction)
  .query(({ ctx, input }) => getResponseAction(ctx.service, input.action_id));

export const updateActionProcedure = orgProcedure('response:execute')
  .meta({
    openapi: {
      method: 'PATCH',
      path: '/actions/{action_id}',
      tags: ['response'],
      summary: 'Move a response action (EventSec): approve, reject, cancel, revert; or a tracked task’s status',
      description:
        'Body `{status?, details?}`. For an executed action: `requested` approves one awaiting approval (and runs it), `rejected`, `cancelled` (before it runs), `reverted` (runs its inverse); anything else is a 409. A tracked manual task takes any status. details are merged.',
    },
  })
  .input(z.object({ action_id: ZId('Action id'), status: z.enum(ACTION_STATUSES).optional(), details: ZDetails.optional() }))
  .output(ZResponseAction)
  .mutation(({ ctx, input }) => updateTrackedAction(ctx.service, input.action_id, { status: input.status, details: input.details }));

export const listActionLogsProcedure = orgProcedure('audit:read')
  .meta({
    openapi: {
      method: 'GET',
      path: '/action-logs',
      tags: ['response'],
      summary: 'Every response action transition, newest first (EventSec action logs; admins)',
      description: 'One entry per transition with its actor; `?limit=` ≤ 500.',
    },
  })
  .input(z.object({ limit: ZLimit }))
  .output(z.array(ZActionLog))
  .query(({ ctx, input }) => listActionLogs(ctx.service, input.limit));
