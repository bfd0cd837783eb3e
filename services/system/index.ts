export { checkReadiness } from './readiness.service.ts';
export { pruneWorkerHeartbeats, recordWorkerHeartbeat, removeWorkerHeartbeat } from './worker-heartbeat.service.ts';
