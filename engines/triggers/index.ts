export {
  CONDITION_KEYS,
  type ConditionIssue,
  type ConditionResult,
  DEFAULT_WINDOW_SECONDS,
  MAX_WINDOW_SECONDS,
  neededEventCount,
  type ParsedConditions,
  parseConditions,
} from './conditions.ts';
export { byPriority, compileMatcher, evaluateTrigger, type TriggerEvaluation, type TriggerMatcher } from './evaluate.ts';
export { EXPRESSION_VARIABLES, MAX_EXPRESSION_LENGTH } from './expression.ts';
export { eventCountKey, LEVEL_RANK, LEVELS, type Level, levelRank, type TriggerFacts, type TriggerIncident } from './facts.ts';
export { TEMPLATE_PLACEHOLDERS, type TemplateValues, templateParameters, templateValues } from './template.ts';
