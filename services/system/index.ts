export { checkHealth, ZHealth } from './health.service.ts';
export { checkReadiness, ZReadiness } from './readiness.service.ts';
export { pruneWorkerHeartbeats, recordWorkerHeartbeat, removeWorkerHeartbeat } from './worker-heartbeat.service.ts';
