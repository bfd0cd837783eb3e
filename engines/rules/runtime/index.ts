/**
 * The rule runtime: compiled rules indexed by logsource and prefiltered by their literals with an Aho-Corasick
 * automaton per combination of event keys, so each event runs only the predicates of the rules that can match it.
 */
export { buildRuleSet, type MatchOptions, type RuleFilterEntry, type RuleHit, type RuleSet, type RuleSetEntry } from './rule-set.ts';
