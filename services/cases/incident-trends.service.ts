import { z } from 'zod';
import type { OrgServiceContext } from '../../core/context.ts';
import { AppError } from '../../core/errors.ts';
import { incidentTrendRows } from '../../db/queries/cases-analytics.ts';
import { analyticsWindow } from './analytics-window.ts';

const HOUR_MS = 3600 * 1000;
const AUTO_HOURLY_MAX_HOURS = 72;
const HOURLY_MAX_DAYS = 14;
const MAX_ROWS = 10_000;

export const ZIncidentTrends = z.object({
  since: z.string(),
  until: z.string(),
  bucket: z.enum(['hour', 'day']),
  total: z.number().int(),
  by_category: z.record(z.string(), z.number().int()).describe('Incidents per threat_category over the whole window'),
  points: z
    .array(z.object({ bucket_start: z.string(), total: z.number().int(), by_category: z.record(z.string(), z.number().int()) }))
    .describe('Buckets that have incidents, oldest first (UTC)'),
});
export type IncidentTrendsDto = z.infer<typeof ZIncidentTrends>;

function bucketFor(requested: 'hour' | 'day' | undefined, spanMs: number): 'hour' | 'day' {
  if (requested === 'hour' && spanMs > HOURLY_MAX_DAYS * 24 * HOUR_MS) {
    throw new AppError('VALIDATION_FAILED', `bucket hour covers at most ${HOURLY_MAX_DAYS} days`, { issues: [{ path: 'bucket', message: 'use day' }] });
  }
  return requested ?? (spanMs <= AUTO_HOURLY_MAX_HOURS * HOUR_MS ? 'hour' : 'day');
}

/** GET /api/incidents/timeline: incidents created per hour or day by threat category (7 days by default, 90 at most). */
export async function getIncidentTrends(
  ctx: OrgServiceContext,
  input: { since?: Date | undefined; until?: Date | undefined; bucket?: 'hour' | 'day' | undefined },
): Promise<IncidentTrendsDto> {
  const window = analyticsWindow(input, 7, 90);
  const bucket = bucketFor(input.bucket, window.until.getTime() - window.since.getTime());
  const rows = await incidentTrendRows(ctx.deps.db, ctx.orgId, window, bucket, MAX_ROWS);
  const byCategory: Record<string, number> = {};
  const points = new Map<string, { bucket_start: string; total: number; by_category: Record<string, number> }>();
  for (const row of rows) {
    const key = row.bucket_start.toISOString();
    const point = points.get(key) ?? { bucket_start: key, total: 0, by_category: {} };
    point.total += row.count;
    point.by_category[row.threat_category] = (point.by_category[row.threat_category] ?? 0) + row.count;
    points.set(key, point);
    byCategory[row.threat_category] = (byCategory[row.threat_category] ?? 0) + row.count;
  }
  return {
    since: window.since.toISOString(),
    until: window.until.toISOString(),
    bucket,
    total: Object.values(byCategory).reduce((sum, count) => sum + count, 0),
    by_category: byCategory,
    points: [...points.values()],
  };
}
