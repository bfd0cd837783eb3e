import { z } from 'zod';
import type { NetworkSensorWithErrors } from '../../db/queries/events.ts';

const SENSOR_STATUSES = ['healthy', 'degraded', 'offline'] as const;
type SensorStatus = (typeof SENSOR_STATUSES)[number];

export const ZNetworkSensor = z.object({
  id: z.number().int().describe('Sensor id (integer, as EventSec numbers sensors)'),
  uuid: z.string().describe("Vigil's internal sensor id"),
  tenant_id: z.string().describe('The organisation slug'),
  name: z.string(),
  kind: z.string(),
  location: z.string().nullable(),
  last_seen_at: z.string(),
  status: z.enum(SENSOR_STATUSES).describe('healthy: seen in the last 5 min; degraded: 30 min; else offline'),
  error_count: z.number().int().describe('Records from this sensor rejected at ingest, all time'),
  created_at: z.string(),
  updated_at: z.string(),
});
export type NetworkSensorDto = z.infer<typeof ZNetworkSensor>;

function sensorStatus(lastSeenAt: Date, now = new Date()): SensorStatus {
  const age = now.getTime() - lastSeenAt.getTime();
  if (age <= 5 * 60_000) return 'healthy';
  if (age <= 30 * 60_000) return 'degraded';
  return 'offline';
}

/** `tenantSlug` is the organisation's slug, EventSec's tenant id. */
export function toNetworkSensorDto(row: NetworkSensorWithErrors, tenantSlug: string, now: Date): NetworkSensorDto {
  return {
    id: Number(row.public_id),
    uuid: row.id,
    tenant_id: tenantSlug,
    name: row.name,
    kind: row.kind,
    location: row.location,
    last_seen_at: row.last_seen_at.toISOString(),
    status: sensorStatus(row.last_seen_at, now),
    error_count: row.error_count,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
  };
}
