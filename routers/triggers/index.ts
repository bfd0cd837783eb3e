import { router } from '../trpc.ts';
import { bulkArchiveTriggersProcedure, bulkPauseTriggersProcedure, bulkResumeTriggersProcedure } from './bulk-triggers.ts';
import { getTriggerProcedure, listTriggersProcedure, triggerStatsProcedure } from './read-triggers.ts';
import { simulateTriggerProcedure } from './simulate-trigger.ts';
import { disableTriggerProcedure, enableTriggerProcedure, updateTriggerSettingsProcedure } from './trigger-state.ts';
import { createTriggerProcedure, deleteTriggerProcedure, updateTriggerProcedure } from './write-triggers.ts';

/** Mini-XDR's /api/triggers: workflow triggers evaluated on incident changes. Static paths (stats, bulk) first. */
export const triggersRouter = router({
  list: listTriggersProcedure,
  create: createTriggerProcedure,
  stats: triggerStatsProcedure,
  bulkPause: bulkPauseTriggersProcedure,
  bulkResume: bulkResumeTriggersProcedure,
  bulkArchive: bulkArchiveTriggersProcedure,
  get: getTriggerProcedure,
  update: updateTriggerProcedure,
  delete: deleteTriggerProcedure,
  enable: enableTriggerProcedure,
  disable: disableTriggerProcedure,
  simulate: simulateTriggerProcedure,
  updateSettings: updateTriggerSettingsProcedure,
});
