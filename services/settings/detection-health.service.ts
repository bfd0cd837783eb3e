import { z } from 'zod';
import type { OrgServiceContext } from '../../core/context.ts';
import { readDetectionCursorRow } from '../../db/repos/detection-cursors.repo.ts';
import { listDetectorHealth } from '../../db/repos/detector-health.repo.ts';
import { countEventsAfter, oldestEventAfter } from '../../db/repos/events.repo.ts';
import { DETECTORS } from '../../engines/detection/index.ts';
import { loadDetectionSettings } from '../detection/index.ts';

/** The lag count stops here: beyond it the answer is "at least LAG_COUNT_CAP" (lag.capped). */
export const LAG_COUNT_CAP = 100_000;

const ZDetectorHealth = z.object({
  detector: z.string(),
  title: z.string(),
  enabled: z.boolean(),
  last_run_at: z.string().nullable(),
  events_scanned: z.number().int(),
  matches: z.number().int(),
  errors: z.number().int().describe('Runs that failed, since the detector first ran'),
  last_error: z.string().nullable(),
  last_error_at: z.string().nullable(),
  status: z.enum(['ok', 'failing', 'idle']).describe('idle: disabled or never ran; failing: its last run failed'),
});
type DetectorHealth = z.infer<typeof ZDetectorHealth>;
type DetectorStatus = DetectorHealth['status'];

export const ZDetectionHealth = z.object({
  detectors: z.array(ZDetectorHealth),
  cursor: z.object({
    last_event_id: z.number().int().describe('Detection has scanned every stored event up to this id'),
    updated_at: z.string().nullable(),
  }),
  lag: z.object({
    events: z.number().int().describe('Stored events not scanned yet'),
    capped: z.boolean().describe('True when the count stopped at its bound (100 000): there are at least that many'),
    oldest_pending_received_at: z.string().nullable(),
    seconds: z.number().int().describe('How long the oldest unscanned event has waited'),
  }),
  generated_at: z.string(),
});
export type DetectionHealth = z.infer<typeof ZDetectionHealth>;

type HealthRow = Awaited<ReturnType<typeof listDetectorHealth>>[number];

/** idle: disabled or never ran; failing: its last run recorded an error; ok otherwise. */
function statusOf(enabled: boolean, row: HealthRow | undefined): DetectorStatus {
  if (!enabled || !row?.last_run_at) return 'idle';
  if (row.last_error_at && row.last_error_at >= row.last_run_at) return 'failing';
  return 'ok';
}

export async function getDetectionHealth(ctx: OrgServiceContext): Promise<DetectionHealth> {
  const { db } = ctx.deps;
  const [rows, settings, cursor] = await Promise.all([
    listDetectorHealth(db, ctx.orgId),
    loadDetectionSettings(db, ctx.orgId),
    readDetectionCursorRow(db, ctx.orgId),
  ]);
  const [pending, oldest] = await Promise.all([
    countEventsAfter(db, ctx.orgId, cursor.last_event_id, LAG_COUNT_CAP),
    oldestEventAfter(db, ctx.orgId, cursor.last_event_id),
  ]);
  const byId = new Map(rows.map((row) => [row.detector, row]));
  const detectors: DetectorHealth[] = DETECTORS.map((detector) => {
    const row = byId.get(detector.id);
    const enabled = !settings.disabledDetectors.includes(detector.id);
    return {
      detector: detector.id,
      title: detector.title,
      enabled,
      last_run_at: row?.last_run_at?.toISOString() ?? null,
      events_scanned: Number(row?.events_scanned ?? 0),
      matches: Number(row?.matches ?? 0),
      errors: Number(row?.errors ?? 0),
      last_error: row?.last_error ?? null,
      last_error_at: row?.last_error_at?.toISOString() ?? null,
      status: statusOf(enabled, row),
    };
  });
  const now = Date.now();
  return {
    detectors,
    cursor: { last_event_id: cursor.last_event_id, updated_at: cursor.updated_at?.toISOString() ?? null },
    lag: {
      events: pending,
      capped: pending >= LAG_COUNT_CAP,
      oldest_pending_received_at: oldest?.toISOString() ?? null,
      seconds: oldest ? Math.max(0, Math.round((now - oldest.getTime()) / 1000)) : 0,
    },
    generated_at: new Date(now).toISOString(),
  };
}
