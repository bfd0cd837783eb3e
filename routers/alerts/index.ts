import { router } from '../trpc.ts';
import { createAlertProcedure } from './create-alert.ts';
import { deleteAlertProcedure } from './delete-alert.ts';
import { escalateAlertProcedure } from './escalate-alert.ts';
import { getAlertProcedure } from './get-alert.ts';
import { listAlertsProcedure } from './list-alerts.ts';
import {
  blockSenderProcedure,
  blockUrlProcedure,
  isolateDeviceProcedure,
  revokeSessionProcedure,
  unblockSenderProcedure,
  unblockUrlProcedure,
} from './request-alert-action.ts';
import { updateAlertProcedure } from './update-alert.ts';

/** EventSec alerts: the organisation's alert queue, triage, escalation and recorded alert actions. */
export const alertsRouter = router({
  list: listAlertsProcedure,
  create: createAlertProcedure,
  get: getAlertProcedure,
  update: updateAlertProcedure,
  delete: deleteAlertProcedure,
  escalate: escalateAlertProcedure,
  blockUrl: blockUrlProcedure,
  unblockUrl: unblockUrlProcedure,
  blockSender: blockSenderProcedure,
  unblockSender: unblockSenderProcedure,
  revokeSession: revokeSessionProcedure,
  isolateDevice: isolateDeviceProcedure,
});
