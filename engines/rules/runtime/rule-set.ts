import type { CompiledRule, FieldMapping, RuleEvent } from '../types.ts';
import { buildLiteralIndex, type LiteralIndex } from './literal-index.ts';
import { buildLogsourceIndex } from './logsource-index.ts';
import { literalRequirements, selectiveRequirements } from './requirements.ts';
import { eventScanText } from './scan-text.ts';

/** `key` is the Vigil rule id. */
export type RuleSetEntry = { key: string; rule: CompiledRule };
/** Drops the hits of the rules it names on the events it matches. */
export type RuleFilterEntry = { ruleKeys: string[]; match(event: RuleEvent): boolean };
export type RuleHit = { key: string; eventIndex: number };
export type MatchOptions = { prefilter?: boolean };

export type RuleSet = {
  size: number;
  /**
   * Hits of every rule on every event, filters applied, in event order then rule order. `prefilter: false` evaluates
   * every rule the logsource index gives (for the benchmark and the test that proves both give the same hits).
   */
  match(events: readonly RuleEvent[], options?: MatchOptions): RuleHit[];
  /** one event: the keys of the rules it matches */
  matchOne(event: RuleEvent, options?: MatchOptions): string[];
};

/** The filters of each rule, by rule index. */
function filtersByRule(entries: readonly RuleSetEntry[], filters: readonly RuleFilterEntry[]): Array<number[] | null> {
  const indexOfKey = new Map<string, number[]>();
  entries.forEach(({ key }, rule) => {
    indexOfKey.set(key, [...(indexOfKey.get(key) ?? []), rule]);
  });
  const out: Array<number[] | null> = entries.map(() => null);
  filters.forEach((filter, filterIndex) => {
    for (const key of new Set(filter.ruleKeys))
      for (const rule of indexOfKey.get(key) ?? []) {
        const list = out[rule] ?? [];
        list.push(filterIndex);
        out[rule] = list;
      }
  });
  return out;
}

/** The candidate rules of one combination of event keys, and the literal index over their requirements alone. */
type CandidateGroup = { id: number; rules: Int32Array; literals(): LiteralIndex };

let groupsMade = 0;

/**
 * The events' indices, those of the same candidate group together (in event order within one): a batch then runs one
 * group's automaton and predicates at a time instead of switching between megabytes of them on every event.
 */
function byGroup(groups: readonly CandidateGroup[]): Int32Array {
  const order = Int32Array.from(groups.keys());
  return order.sort((a, b) => (groups[a] as CandidateGroup).id - (groups[b] as CandidateGroup).id || a - b);
}

/**
 * An automaton over only these candidates' literals is a fraction of the whole set's: the scan rarely leaves its root
 * on events whose logsources few rules read, and reports only literals that can decide one of their rules. Built on the
 * first event that needs it.
 */
function candidateGroup(candidates: Int32Array, requirementsByRule: ReadonlyArray<readonly string[][]>): CandidateGroup {
  let literals: LiteralIndex | null = null;
  const inGroup = new Uint8Array(requirementsByRule.length);
  for (const rule of candidates) inGroup[rule] = 1;
  return {
    id: groupsMade++,
    rules: candidates,
    literals() {
      literals ??= buildLiteralIndex(requirementsByRule.map((requirements, rule) => (inGroup[rule] === 1 ? requirements : [])));
      return literals;
    },
  };
}

/**
 * The runtime over a set of compiled rules: the logsource index narrows the rules to those that can see the event,
 * the literal prefilter (one automaton per combination of event keys, one scan per event) to those whose selective
 * literal sets all have a literal in it (requirements.ts), and only those run their predicate. Filters are evaluated at most once per event, and only when a rule they cover hit.
 */
export function buildRuleSet(entries: RuleSetEntry[], filters: RuleFilterEntry[], mapping: FieldMapping): RuleSet {
  const rules = entries.map(({ rule }) => rule);
  const keys = entries.map(({ key }) => key);
  const requirementsByRule = selectiveRequirements(rules.map(literalRequirements));
  const candidatesOf = buildLogsourceIndex(
    rules.map((rule) => rule.prefilter.logsourceKeys),
    (candidates) => candidateGroup(candidates, requirementsByRule),
  );
  const needsLiteral = Uint8Array.from(requirementsByRule, (requirements) => (requirements.length === 0 ? 0 : 1));
  const ruleFilters = filtersByRule(entries, filters);
  const marks = new Uint32Array(rules.length);
  const filterEpochs = new Uint32Array(filters.length);
  const filterResults = new Uint8Array(filters.length);
  let epoch = 0;

  const filtered = (rule: number, event: RuleEvent): boolean => {
    for (const filter of ruleFilters[rule] ?? []) {
      if (filterEpochs[filter] !== epoch) {
        filterEpochs[filter] = epoch;
        filterResults[filter] = (filters[filter] as RuleFilterEntry).match(event) ? 1 : 0;
      }
      if (filterResults[filter] === 1) return true;
    }
    return false;
  };

  /** Calls `onHit` with each rule the event matches, in rule order. */
  const evaluate = (event: RuleEvent, group: CandidateGroup, prefilter: boolean, onHit: (rule: number) => void): void => {
    epoch = (epoch + 1) >>> 0;
    if (epoch === 0) {
      // after 2^32 events: old marks must not pass for this event's
      marks.fill(0);
      filterEpochs.fill(0);
      epoch = 1;
    }
    const candidates = group.rules;
    if (candidates.length === 0) return;
    let scanned = !prefilter;
    for (const rule of candidates) {
      if (prefilter && needsLiteral[rule] === 1) {
        if (!scanned) {
          scanned = true;
          const literals = group.literals();
          literals.mark(eventScanText(event, literals.minLength), marks, epoch);
        }
        if (marks[rule] !== epoch) continue;
      }
      if ((rules[rule] as CompiledRule).match(event) && !filtered(rule, event)) onHit(rule);
    }
  };

  return {
    size: entries.length,
    match(events, options) {
      const prefilter = options?.prefilter ?? true;
      const groups = events.map((event) => candidatesOf(mapping.eventKeys(event)));
      const rulesHit: number[][] = events.map(() => []);
      for (const eventIndex of byGroup(groups))
        evaluate(events[eventIndex] as RuleEvent, groups[eventIndex] as CandidateGroup, prefilter, (rule) => (rulesHit[eventIndex] as number[]).push(rule));
      return rulesHit.flatMap((hit, eventIndex) => hit.map((rule) => ({ key: keys[rule] as string, eventIndex })));
    },
    matchOne(event, options) {
      const found: string[] = [];
      evaluate(event, candidatesOf(mapping.eventKeys(event)), options?.prefilter ?? true, (rule) => found.push(keys[rule] as string));
      return found;
    },
  };
}
