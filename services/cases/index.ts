export { getAttackPaths, ZAttackPaths } from './attack-paths.service.ts';
export { ZIncident, ZIncidentItem } from './incident.dto.ts';
export { addIncidentComment, listIncidentTimeline, ZTimelinePage } from './incident-comments.service.ts';
export { getIncidentContext, ZIncidentContext } from './incident-context.service.ts';
export { ZIncidentDetail } from './incident-detail.dto.ts';
export { getIncidentDetail } from './incident-detail.service.ts';
export { attachIncidentItem } from './incident-item.service.ts';
export { ITEM_KINDS } from './incident-items.ts';
export { incidentFromAlert, incidentFromNetworkEvent } from './incident-promote.service.ts';
export { type IncidentTarget, incidentTarget, noteResponseOnIncident, type ResponseNote } from './incident-response.service.ts';
export { getIncidentTrends, ZIncidentTrends } from './incident-trends.service.ts';
export { createIncident, updateIncidentFields } from './incident-write.service.ts';
export { type IncidentListFilter, listIncidents } from './incidents-read.service.ts';
export {
  INCIDENT_SEVERITIES,
  INCIDENT_STATUSES,
  STATUS_INPUT_WORDS,
  STATUS_VOCABULARIES,
  STATUS_WORDS,
  type StatusVocabulary,
  statusOfWord,
  TRANSITIONS,
} from './lifecycle.ts';
export { callerVocabulary } from './status-vocabulary.ts';
export { getThreatStatus, ZThreatStatus } from './threat-status.service.ts';
export { ZTimelineEntry } from './timeline-entry.dto.ts';
