/**
 * The correlation engine (pure): Sigma correlation documents resolved to rule keys and field paths, the values a
 * correlation keeps of each hit, and the sliding-window evaluation over event time.
 */
export { type CorrelationHit, type CorrelationMatch, conditionHolds, evaluateCorrelation } from './evaluate.ts';
export { type ReferencedRule, type ResolvedCorrelation, resolveCorrelation } from './resolve.ts';
export { correlationValues } from './values.ts';
