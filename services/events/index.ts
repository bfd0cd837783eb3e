export { type IngestChannel, type Provenance, toEventRow } from './event-row.ts';
export { ZHoneypotAttackerStats } from './honeypot-stats.dto.ts';
export { honeypotAttackerStats } from './honeypot-stats.service.ts';
export { type NetworkSource, toNetworkEventDto, ZNetworkEvent } from './network-event.dto.ts';
export { listNetworkEvents, listNetworkSensors, networkStats, ZNetworkStats } from './network-read.service.ts';
export { ZNetworkSensor } from './network-sensor.dto.ts';
export {
  type EventTimePolicy,
  eventTimePolicy,
  latestEventTime,
  type PartitionWindow,
  partitionWindow,
  retentionHorizon,
  writeIntoPartitions,
} from './partitions.ts';
export { applyEventRetention, type EventRetentionResult } from './retention.service.ts';
export { SEVERITY_WORDS, type SeverityWord, severityWord, ZEdrEvent, ZSiemEvent } from './view-event.dto.ts';
export { clearViewEvents, type EventView, listEdrEvents, listSiemEvents, ZViewDeleteResult } from './view-events.service.ts';
export { getPostedEdrEvent, getPostedSiemEvent } from './view-posted-event.service.ts';
