import type { Executor, OrgId } from '../../core/database.ts';
import { type DetectionEventRow, type EntityColumn, selectEntityWindow } from '../../db/queries/detection.ts';
import type { DetectionEvent, DetectionSettings, Detector, EntityType } from '../../engines/detection/index.ts';

/** Bound on stored events loaded per entity type and run: keeps one run's memory and time predictable. */
export const MAX_WINDOW_EVENTS = 50_000;

const COLUMN_OF = { src_ip: 'src_ip', host: 'host_name', user: 'user_name' } as const satisfies Record<EntityType, EntityColumn>;

export function toDetectionEvent(row: DetectionEventRow): DetectionEvent {
  return {
    id: Number(row.id),
    occurredAt: row.occurred_at,
    sourceKind: row.source_kind,
    kind: row.kind,
    category: row.category,
    action: row.action,
    outcome: row.outcome,
    severity: row.severity,
    srcIp: row.src_ip,
    dstIp: row.dst_ip,
    dstPort: row.dst_port,
    userName: row.user_name,
    processCommandLine: row.process_command_line,
    url: row.url,
    fileName: row.file_name,
    fileSha256: row.file_sha256,
    message: row.message,
    attributes: (row.attributes ?? {}) as Record<string, unknown>,
    sessionId: row.session_id,
    hostName: row.host_name,
  };
}

/**
 * For the entities the new events touch, loads every stored event in the widest lookback any
 * interested detector needs (one query per entity type), so detectors see the stored window and
 * not the request that happened to carry the last event.
 */
export async function loadEntityWindows(
  db: Executor,
  orgId: OrgId,
  fresh: readonly DetectionEvent[],
  detectors: readonly Detector[],
  settings: DetectionSettings,
): Promise<Map<EntityType, DetectionEvent[]>> {
  const wanted = new Map<EntityType, { values: Set<string>; from: number; to: number }>();
  for (const detector of detectors) {
    const lookbackMs = detector.lookbackSeconds(settings) * 1000;
    for (const event of fresh) {
      if (!detector.prefilter(event)) continue;
      const entity = detector.entityOf(event);
      if (!entity) continue;
      const slot = wanted.get(entity.type) ?? { values: new Set<string>(), from: Number.POSITIVE_INFINITY, to: Number.NEGATIVE_INFINITY };
      slot.values.add(entity.value);
      slot.from = Math.min(slot.from, event.occurredAt.getTime() - lookbackMs);
      slot.to = Math.max(slot.to, event.occurredAt.getTime() + lookbackMs);
      wanted.set(entity.type, slot);
    }
  }
  const windows = new Map<EntityType, DetectionEvent[]>();
  for (const [type, slot] of wanted) {
    const rows = await selectEntityWindow(
      db,
      orgId,
      COLUMN_OF[type],
      [...slot.values],
      { from: new Date(slot.from), to: new Date(slot.to) },
      MAX_WINDOW_EVENTS,
    );
    windows.set(type, rows.map(toDetectionEvent));
  }
  return windows;
}
