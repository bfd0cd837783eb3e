import type { IncomingHttpHeaders } from 'node:http';
import { z } from 'zod';
import { AppError } from '../../core/errors.ts';
import { ingestNetworkBulk, ZNetworkBulkResult } from '../../services/ingest/index.ts';
import { orgProcedure } from '../procedures.ts';

const ZSensorKind = z.enum(['suricata', 'zeek']);
const ZSource = z.enum(['suricata', 'zeek', 'auto']);
const ZSensor = z.object({
  name: z.string().trim().min(1).max(200),
  kind: ZSensorKind,
  location: z.string().trim().max(200).nullish(),
});

const header = (headers: IncomingHttpHeaders, name: string) => {
  const value = headers[name];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
};

/** NDJSON bodies carry only events: the sensor then comes from x-sensor-name / x-sensor-kind / x-sensor-location. */
function sensorFrom(body: z.infer<typeof ZSensor> | undefined, headers: IncomingHttpHeaders) {
  const candidate = body ?? { name: header(headers, 'x-sensor-name'), kind: header(headers, 'x-sensor-kind'), location: header(headers, 'x-sensor-location') };
  const checked = ZSensor.safeParse(candidate);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    const path = ['sensor', ...(issue?.path.map(String) ?? [])].join('.');
    throw new AppError('VALIDATION_FAILED', `${path}: ${issue?.message ?? 'invalid'} (send sensor in the body, or x-sensor-name and x-sensor-kind headers)`, {
      issues: [{ path, message: issue?.message ?? 'invalid' }],
    });
  }
  return { name: checked.data.name, kind: checked.data.kind, location: checked.data.location ?? null };
}

function sourceFrom(headers: IncomingHttpHeaders): z.infer<typeof ZSource> {
  const checked = ZSource.safeParse(header(headers, 'x-event-source') ?? 'auto');
  if (!checked.success) {
    throw new AppError('VALIDATION_FAILED', 'x-event-source must be suricata, zeek or auto', { issues: [{ path: 'source', message: 'invalid' }] });
  }
  return checked.data;
}

export const ingestNetworkBulkProcedure = orgProcedure('events:write')
  .meta({
    acceptsRecordsWithNul: true,
    openapi: {
      method: 'POST',
      path: '/ingest/network/bulk',
      tags: ['network'],
      summary: 'Ingest Suricata EVE and Zeek JSON records from a sensor (JSON, NDJSON, gzip); bad records are reported by index',
      description:
        'At most 10,000 events (413 beyond). `accepted` counts events now durably stored: `stored` by this call plus `deduplicated` (already stored, e.g. a retried batch). ' +
        'For NDJSON bodies (`application/x-ndjson`) send the sensor as `x-sensor-name`, `x-sensor-kind` and optionally `x-sensor-location` headers, and the source as `x-event-source`.',
    },
  })
  .input(
    z.object({
      source: ZSource.optional().describe("Parser for every record; 'auto' (default) detects each record"),
      sensor: ZSensor.optional().describe('Registered on first sight (unique name per organisation); required unless sent as headers'),
      events: z.array(z.unknown()),
      meta: z.record(z.string(), z.unknown()).optional().describe('Collector details (version, host, file, offset); not stored'),
    }),
  )
  .output(ZNetworkBulkResult)
  .mutation(async ({ ctx, input }) => {
    const headers = ctx.request.headers;
    const source = input.source ?? sourceFrom(headers);
    return ingestNetworkBulk(ctx.service, { source, sensor: sensorFrom(input.sensor, headers), events: input.events });
  });
