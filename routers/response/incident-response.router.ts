import { router } from '../trpc.ts';
import { createActionProcedure, getActionProcedure, listActionLogsProcedure, listActionsProcedure, updateActionProcedure } from './actions.ts';
import {
  createEnforcementPointProcedure,
  deleteEnforcementPointProcedure,
  getResponseSettingsProcedure,
  listEnforcementPointsProcedure,
  putResponseSettingsProcedure,
  updateEnforcementPointProcedure,
} from './enforcement-points.ts';
import { blockStatusProcedures, isolationStatusProcedures } from './enforcement-status.ts';
import {
  blockIpProcedures,
  containProcedures,
  isolateHostProcedures,
  resetPasswordsProcedures,
  scheduleUnblockProcedures,
  unblockIpProcedures,
  unblockProcedures,
  unIsolateProcedures,
} from './incident-actions.ts';

/** Mini-XDR's containment buttons on an incident, on /incidents/{id}/… and /api/incidents/{id}/…. */
export const incidentResponseRouter = router({
  ...containProcedures,
  ...blockIpProcedures,
  ...unblockIpProcedures,
  ...unblockProcedures,
  ...isolateHostProcedures,
  ...unIsolateProcedures,
  ...resetPasswordsProcedures,
  ...scheduleUnblockProcedures,
  ...blockStatusProcedures,
  ...isolationStatusProcedures,
  listEnforcementPoints: listEnforcementPointsProcedure,
  createEnforcementPoint: createEnforcementPointProcedure,
  updateEnforcementPoint: updateEnforcementPointProcedure,
  deleteEnforcementPoint: deleteEnforcementPointProcedure,
  getSettings: getResponseSettingsProcedure,
  putSettings: putResponseSettingsProcedure,
  listActions: listActionsProcedure,
  createAction: createActionProcedure,
  getAction: getActionProcedure,
  updateAction: updateActionProcedure,
  actionLogs: listActionLogsProcedure,
});
