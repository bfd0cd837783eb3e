export { type IngestChannel, type Provenance, toEventRow } from './event-row.ts';
export { honeypotAttackerStats } from './honeypot-stats.service.ts';
export { type NetworkSource, toNetworkEventDto } from './network-event.dto.ts';
export { listNetworkEvents, listNetworkSensors, networkStats } from './network-read.service.ts';
export { ensurePartitionsFor } from './partitions.ts';
export { dropExpiredEventPartitions, retentionHorizon } from './retention.service.ts';
export { SEVERITY_WORDS, severityWord } from './view-event.dto.ts';
export { clearViewEvents, type EventView, listEdrEvents, listSiemEvents } from './view-events.service.ts';
