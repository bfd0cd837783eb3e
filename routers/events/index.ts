import { router } from '../trpc.ts';
import { createEdrEventsProcedure, deleteEdrEventsProcedure, listEdrEventsProcedure } from './edr-events.ts';
import { getHoneypotAttackerStatsProcedure } from './get-honeypot-attacker-stats.ts';
import { getNetworkStatsProcedure } from './get-network-stats.ts';
import { ingestNetworkBulkProcedure } from './ingest-network-bulk.ts';
import { ingestThreatmapProcedure } from './ingest-threatmap.ts';
import { listNetworkEventsProcedure } from './list-network-events.ts';
import { listNetworkSensorsProcedure } from './list-network-sensors.ts';
import { createSiemEventsProcedure, deleteSiemEventsProcedure, listSiemEventsProcedure } from './siem-events.ts';

/** Network sensors (Suricata/Zeek), EDR and SIEM event stores, threat map and honeypot statistics. */
export const networkRouter = router({
  ingestBulk: ingestNetworkBulkProcedure,
  listEvents: listNetworkEventsProcedure,
  listSensors: listNetworkSensorsProcedure,
  stats: getNetworkStatsProcedure,
  createEdrEvents: createEdrEventsProcedure,
  listEdrEvents: listEdrEventsProcedure,
  deleteEdrEvents: deleteEdrEventsProcedure,
  createSiemEvents: createSiemEventsProcedure,
  listSiemEvents: listSiemEventsProcedure,
  deleteSiemEvents: deleteSiemEventsProcedure,
  ingestThreatmap: ingestThreatmapProcedure,
  honeypotAttackerStats: getHoneypotAttackerStatsProcedure,
});
