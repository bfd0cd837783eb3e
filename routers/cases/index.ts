import { router } from '../trpc.ts';
import { addCommentProcedure } from './add-comment.ts';
import { addIncidentItemProcedure } from './add-incident-item.ts';
import { createFromAlertProcedure } from './create-from-alert.ts';
import { createFromNetworkEventProcedure } from './create-from-network-event.ts';
import { createIncidentProcedure } from './create-incident.ts';
import { getAttackPathsProcedure } from './get-attack-paths.ts';
import { getContextProcedure } from './get-context.ts';
import { getApiIncidentProcedure, getIncidentProcedure } from './get-incident.ts';
import { getIncidentTrendsProcedure } from './get-incident-trends.ts';
import { getThreatStatusProcedure } from './get-threat-status.ts';
import { listApiIncidentsProcedure, listIncidentsProcedure } from './list-incidents.ts';
import { listRealIncidentsProcedure } from './list-real-incidents.ts';
import { listTimelineProcedure } from './list-timeline.ts';
import { updateIncidentProcedure } from './update-incident.ts';

/**
 * Incidents for both APIs, and incident analytics; Mini-XDR's front-end reads them under /api/incidents.
 * Static paths before `{id}` paths (matched in declaration order): /api/incidents/{id} after /api/incidents/timeline and attack-paths.
 */
export const incidentsRouter = router({
  list: listIncidentsProcedure,
  listApi: listApiIncidentsProcedure,
  create: createIncidentProcedure,
  listReal: listRealIncidentsProcedure,
  createFromAlert: createFromAlertProcedure,
  createFromNetworkEvent: createFromNetworkEventProcedure,
  trends: getIncidentTrendsProcedure,
  attackPaths: getAttackPathsProcedure,
  get: getIncidentProcedure,
  getApi: getApiIncidentProcedure,
  update: updateIncidentProcedure,
  addItem: addIncidentItemProcedure,
  addComment: addCommentProcedure,
  timeline: listTimelineProcedure,
  context: getContextProcedure,
  threatStatus: getThreatStatusProcedure,
});
