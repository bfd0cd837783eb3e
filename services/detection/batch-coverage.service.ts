import type { Executor, OrgId } from '../../core/database.ts';
import { selectIncidentIdsLinkedToEvents } from '../../db/queries/detection.ts';
import { readDetectionCursor } from '../../db/repos/detection-cursors.repo.ts';

/** The id of the last event a detection pass of the organisation has read: events up to it have been evaluated. */
export function detectionCursorOf(db: Executor, orgId: OrgId): Promise<number> {
  return readDetectionCursor(db, orgId);
}

/** The incidents detection filed these events under (through the alerts linking them), ascending ids. */
export function incidentIdsOfEvents(db: Executor, orgId: OrgId, eventIds: readonly number[], earliestOccurredAt: Date): Promise<number[]> {
  return selectIncidentIdsLinkedToEvents(db, orgId, eventIds, earliestOccurredAt);
}
