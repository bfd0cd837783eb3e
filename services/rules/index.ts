export {
  type AnalyticsRuleCreate,
  type AnalyticsRuleUpdate,
  createAnalyticsRule,
  getAnalyticsRule,
  listAnalyticsRules,
  updateAnalyticsRule,
} from './analytics-rules.service.ts';
export { type BiocCreate, type BiocUpdate, createBioc, listBiocs, updateBioc } from './biocs.service.ts';
export { createDetectionRule, type DetectionRuleCreate, listDetectionRules } from './detection-rules.service.ts';
export { evaluateOrgRules, type RulePass } from './evaluate-rules.service.ts';
export { importRules, type RuleImportPayload, ZRuleImportPayload } from './import-rules.service.ts';
export { getLibraryRule, type LibraryRuleType, listLibraryRules, updateLibraryRule } from './library-rules.service.ts';
export { loadOrgRules } from './org-rule-plan.ts';
export { ZRuleReplay } from './replay.dto.ts';
export { getLatestRuleReplay, type ReplayRequest, requestRuleReplay, runRuleReplay } from './replay-rule.service.ts';
export {
  RULE_SEVERITIES,
  ZAnalyticsRule,
  ZBiocRule,
  ZDetectionRule,
  ZLibraryRule,
  ZRuleSample,
  ZRuleSeverity,
} from './rule.dto.ts';
export { ZRuleImportReport } from './rule-import.dto.ts';
export { disableRulePack, enableRulePack, listRulePacks, ZRulePack } from './rule-packs.service.ts';
export { MAX_TEST_EVENTS, testRule, ZRuleTestResult } from './test-rule.service.ts';
