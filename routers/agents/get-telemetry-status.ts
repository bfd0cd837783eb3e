import { z } from 'zod';
import { telemetryStatus, ZTelemetryStatus } from '../../services/agents/index.ts';
import { orgProcedureAnyOf } from '../procedures.ts';

/** Also for reporters (telemetry:report: devices, agents), to see what their reports arrived as. */
export const getTelemetryStatusProcedure = orgProcedureAnyOf(['events:read', 'telemetry:report'])
  .meta({ openapi: { method: 'GET', path: '/api/telemetry/status', tags: ['agents'], summary: 'Telemetry summary of your organisation: events and agents' } })
  .input(z.void())
  .output(ZTelemetryStatus)
  .query(async ({ ctx }) => telemetryStatus(ctx.service));
