import { z } from 'zod';
import { getTrigger, getTriggerStats, listOrgTriggers, ZTrigger, ZTriggerStats } from '../../services/triggers/index.ts';
import { orgProcedure } from '../procedures.ts';
import { ZTriggerIdParam, ZTriggerListQuery } from './triggers.schemas.ts';

export const listTriggersProcedure = orgProcedure('incidents:read')
  .meta({
    openapi: {
      method: 'GET',
      path: '/api/triggers',
      tags: ['triggers'],
      summary: "Your organisation's workflow triggers (Mini-XDR TriggerResponse)",
      description:
        '`?category=`, `?enabled=true|false`, `?status=active|paused|archived`. Highest priority first (critical, high, medium, low: by rank), then oldest. success_rate is a percent (0–100).',
    },
  })
  .input(ZTriggerListQuery)
  .output(z.array(ZTrigger))
  .query(({ ctx, input }) => listOrgTriggers(ctx.service, input));

export const triggerStatsProcedure = orgProcedure('incidents:read')
  .meta({
    openapi: {
      method: 'GET',
      path: '/api/triggers/stats/summary',
      tags: ['triggers'],
      summary: "Totals over your organisation's triggers: how many, enabled, auto-executing, fires and success rate",
    },
  })
  .input(z.object({}))
  .output(ZTriggerStats)
  .query(({ ctx }) => getTriggerStats(ctx.service));

export const getTriggerProcedure = orgProcedure('incidents:read')
  .meta({ openapi: { method: 'GET', path: '/api/triggers/{trigger_id}', tags: ['triggers'], summary: 'One trigger (404 when it is not yours)' } })
  .input(ZTriggerIdParam)
  .output(ZTrigger)
  .query(({ ctx, input }) => getTrigger(ctx.service, input.trigger_id));
