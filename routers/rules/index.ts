import { router } from '../trpc.ts';
import { createAnalyticsRuleProcedure, getAnalyticsRuleProcedure, listAnalyticsRulesProcedure, updateAnalyticsRuleProcedure } from './analytics-rules.ts';
import { createBiocProcedure, listBiocsProcedure, updateBiocProcedure } from './biocs.ts';
import { createDetectionRuleProcedure, listDetectionRulesProcedure } from './detection-rules.ts';
import { getLibraryRuleProcedure, listLibraryRulesProcedure, updateLibraryRuleProcedure } from './library-rules.ts';
import { disableRulePackProcedure, enableRulePackProcedure, listRulePacksProcedure } from './rule-packs.ts';
import { getRuleReplayProcedure, importRulesProcedure, requestRuleReplayProcedure, testRuleProcedure } from './rule-tools.ts';

/** Detection rules as code: EventSec's rule routes, Sigma import, rule tests and replay. Static paths first. */
export const rulesRouter = router({
  listDetections: listDetectionRulesProcedure,
  createDetection: createDetectionRuleProcedure,
  listAnalytics: listAnalyticsRulesProcedure,
  createAnalytics: createAnalyticsRuleProcedure,
  getAnalytics: getAnalyticsRuleProcedure,
  updateAnalytics: updateAnalyticsRuleProcedure,
  list: listLibraryRulesProcedure,
  listPacks: listRulePacksProcedure,
  enablePack: enableRulePackProcedure,
  disablePack: disableRulePackProcedure,
  import: importRulesProcedure,
  test: testRuleProcedure,
  requestReplay: requestRuleReplayProcedure,
  getReplay: getRuleReplayProcedure,
  get: getLibraryRuleProcedure,
  update: updateLibraryRuleProcedure,
  listBiocs: listBiocsProcedure,
  createBioc: createBiocProcedure,
  updateBioc: updateBiocProcedure,
});
