import { z } from 'zod';
import { getThreatStatus, ZThreatStatus } from '../../services/cases/index.ts';
import { orgProcedure } from '../procedures.ts';
import { positiveId, ZMiniXdrVocabulary } from './incidents.schemas.ts';

export const getThreatStatusProcedure = orgProcedure('incidents:read')
  .meta({
    openapi: {
      method: 'GET',
      path: '/api/incidents/{incident_id}/threat-status',
      tags: ['incidents'],
      summary: 'Threat status (Mini-XDR): lifecycle, last action, risk with evidence, alerts, and whether activity continues',
      description:
        'attack_active: events about the incident entity within active_window_minutes (15 by default). Containment fields stay null until response actions exist.',
    },
  })
  .input(
    z.object({
      incident_id: positiveId('Incident id'),
      active_window_minutes: z.coerce.number().int().min(1).max(1440).default(15),
      vocabulary: ZMiniXdrVocabulary,
    }),
  )
  .output(ZThreatStatus)
  .query(({ ctx, input }) => getThreatStatus(ctx.service, input.incident_id, input.active_window_minutes, input.vocabulary ?? 'minixdr'));
