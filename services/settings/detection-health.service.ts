import type { OrgServiceContext } from '../../core/context.ts';
import { countEventsAfter, oldestEventAfter, readDetectionCursorRow } from '../../db/repos/alert-detection-health.repo.ts';
import { listDetectorHealth } from '../../db/repos/detection-state.repo.ts';
import { DETECTORS } from '../../engines/detection/index.ts';
import { loadDetectionSettings } from '../detection/index.ts';

/** The lag count stops here: beyond it the answer is "at least LAG_COUNT_CAP" (lag.capped). */
export const LAG_COUNT_CAP = 100_000;

export type DetectorStatus = 'ok' | 'failing' | 'idle';

export type DetectorHealth = {
  detector: string;
  title: string;
  enabled: boolean;
  last_run_at: string | null;
  events_scanned: number;
  matches: number;
  errors: number;
  last_error: string | null;
  last_error_at: string | null;
  status: DetectorStatus;
};

type HealthRow = Awaited<ReturnType<typeof listDetectorHealth>>[number];

/** idle: disabled or never ran; failing: its last run recorded an error; ok otherwise. */
function statusOf(enabled: boolean, row: HealthRow | undefined): DetectorStatus {
  if (!enabled || !row?.last_run_at) return 'idle';
  if (row.last_error_at && row.last_error_at >= row.last_run_at) return 'failing';
  return 'ok';
}

export async function getDetectionHealth(ctx: OrgServiceContext) {
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
