/**
 * The rule runtime: compiled rules indexed by logsource and prefiltered by their literals with one Aho-Corasick
 * automaton, so each event runs only the predicates of the rules that can match it.
 */
export { buildRuleSet, type MatchOptions, type RuleFilterEntry, type RuleHit, type RuleSet, type RuleSetEntry } from './rule-set.ts';
