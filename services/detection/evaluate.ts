import type { DetectorRunStats } from '../../db/repos/detector-health.repo.ts';
import type { Detection, DetectionEvent, DetectionSettings, Detector, EntityType } from '../../engines/detection/index.ts';

export type Evaluation = { detections: Detection[]; runs: DetectorRunStats[] };

/**
 * Runs every detector over the stored windows of the entities the fresh events touch, and keeps the
 * detections that at least one fresh event contributes to: re-reading old evidence never counts as a
 * new occurrence. A detector that throws is reported in its run stats; the others still run.
 */
export function evaluateDetectors(
  fresh: readonly DetectionEvent[],
  windows: ReadonlyMap<EntityType, readonly DetectionEvent[]>,
  detectors: readonly Detector[],
  settings: DetectionSettings,
): Evaluation {
  const freshIds = new Set(fresh.map((event) => event.id));
  const detections: Detection[] = [];
  const runs: DetectorRunStats[] = [];
  for (const detector of detectors) {
    const touched = fresh.filter((event) => detector.prefilter(event));
    const entities = new Set(touched.flatMap((event) => entityKey(detector, event) ?? []));
    let matches = 0;
    try {
      for (const group of groupByEntity(detector, windows, entities)) {
        const now = group.at(-1)?.occurredAt ?? new Date(0);
        const found = detector.evaluate(group, settings, now).filter((detection) => detection.eventIds.some((id) => freshIds.has(id)));
        matches += found.length;
        detections.push(...found);
      }
      runs.push({ detector: detector.id, scanned: touched.length, matches });
    } catch (error) {
      runs.push({ detector: detector.id, scanned: touched.length, matches, error: error instanceof Error ? error.message.slice(0, 500) : String(error) });
    }
  }
  return { detections, runs };
}

function entityKey(detector: Detector, event: DetectionEvent): string | null {
  const entity = detector.entityOf(event);
  return entity ? `${entity.type}|${entity.value}` : null;
}

function groupByEntity(detector: Detector, windows: ReadonlyMap<EntityType, readonly DetectionEvent[]>, entities: ReadonlySet<string>): DetectionEvent[][] {
  // An event can sit in two windows (its source IP's and its host's): keep it once per group.
  const groups = new Map<string, Map<number, DetectionEvent>>();
  for (const events of windows.values()) {
    for (const event of events) {
      if (!detector.prefilter(event)) continue;
      const key = entityKey(detector, event);
      if (!key || !entities.has(key)) continue;
      const group = groups.get(key) ?? new Map<number, DetectionEvent>();
      group.set(event.id, event);
      groups.set(key, group);
    }
  }
  return [...groups.values()].map((group) => [...group.values()].sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime() || a.id - b.id));
}
