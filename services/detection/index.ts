export { raiseAgentOfflineAlerts } from './agent-offline.service.ts';
export { ALERT_MERGE_SECONDS, alertAsDetection, refreshIncidentRisk } from './persist-detections.ts';
export { runDetectionOnce } from './run-detection.service.ts';
export { scheduleDetection } from './schedule.ts';
export { loadDetectionSettings } from './settings.service.ts';
export { scheduleDetectionBacklog } from './sweep.service.ts';
