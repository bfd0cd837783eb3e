import { z } from 'zod';
import { telemetryStatus, ZTelemetryStatus } from '../../services/agents/index.ts';
import { orgProcedure } from '../procedures.ts';

export const getTelemetryStatusProcedure = orgProcedure('events:read')
  .meta({ openapi: { method: 'GET', path: '/api/telemetry/status', tags: ['agents'], summary: 'Telemetry summary of your organisation: events and agents' } })
  .input(z.void())
  .output(ZTelemetryStatus)
  .query(async ({ ctx }) => telemetryStatus(ctx.service));
