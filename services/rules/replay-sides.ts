import { type CorrelationHit, evaluateCorrelation } from '../../engines/rules/correlation/index.ts';
import { correlationHitsOf } from '../../engines/rules/correlation-hits.ts';
import { entityOfEvent } from '../../engines/rules/rule-detections.ts';
import type { RulePlan } from '../../engines/rules/rule-plan.ts';
import type { RuleEvent } from '../../engines/rules/types.ts';
import type { ReplayAlert, ReplayResult } from './replay.dto.ts';

/** Bound on the correlation hits a replay keeps in memory per side. */
export const MAX_REPLAY_HITS = 200_000;
const SAMPLE_IDS = 20;

type Bucket = { events: number; first: Date; last: Date; ids: number[] };

/** What one version of a rule raises over a replayed range, accumulated page by page. */
export type ReplaySide = {
  label: string;
  version: number | null;
  plan: RulePlan | null;
  key: string;
  matched: number;
  buckets: Map<string, Bucket>;
  hits: CorrelationHit[];
};

export function newSide(label: string, version: number | null, plan: RulePlan | null, key: string): ReplaySide {
  return { label, version, plan, key, matched: 0, buckets: new Map(), hits: [] };
}

function add(buckets: Map<string, Bucket>, key: string, id: number, at: Date): void {
  const bucket = buckets.get(key);
  if (!bucket) {
    buckets.set(key, { events: 1, first: at, last: at, ids: [id] });
    return;
  }
  bucket.events++;
  if (at < bucket.first) bucket.first = at;
  if (at > bucket.last) bucket.last = at;
  if (bucket.ids.length < SAMPLE_IDS) bucket.ids.push(id);
}

/** One page of events through one side: a detection rule's alerts per entity, a correlation's hits kept for the end. */
export function replayPage(side: ReplaySide, events: readonly RuleEvent[], ids: readonly number[]): void {
  if (!side.plan) return;
  const hits = side.plan.ruleSet.match(events);
  const correlation = side.plan.correlations.find((candidate) => candidate.key === side.key);
  if (correlation) {
    const found = correlationHitsOf(correlation, hits, events, (index) => ids[index] as number);
    if (side.hits.length + found.length > MAX_REPLAY_HITS)
      throw new Error(`the range holds more than ${MAX_REPLAY_HITS} matches of the correlated rules; replay a shorter range`);
    side.hits.push(...found);
    return;
  }
  for (const hit of hits) {
    if (hit.key !== side.key) continue;
    side.matched++;
    const event = events[hit.eventIndex] as RuleEvent;
    const entity = entityOfEvent(event);
    if (entity) add(side.buckets, `${entity.type}:${entity.value}`, ids[hit.eventIndex] as number, event.occurredAt);
  }
}

/** Closes a side: a correlation is evaluated over every hit of the range (windows as the live detection slides them). */
export function finishSide(side: ReplaySide): void {
  const correlation = side.plan?.correlations.find((candidate) => candidate.key === side.key);
  if (!correlation) return;
  const times = new Map(side.hits.map((hit) => [hit.eventId, hit.occurredAt]));
  for (const match of evaluateCorrelation(correlation.spec, side.hits)) {
    for (const id of match.eventIds) {
      side.matched++;
      add(side.buckets, `group:${JSON.stringify(match.group)}`, id, times.get(id) ?? match.windowStart);
    }
  }
}

const alertOf = (key: string, bucket: Bucket): ReplayAlert => ({
  key,
  events: bucket.events,
  first_seen: bucket.first.toISOString(),
  last_seen: bucket.last.toISOString(),
  event_ids: [...bucket.ids].sort((a, b) => a - b),
});

export function diffSides(baseline: ReplaySide, candidate: ReplaySide): ReplayResult {
  const added = [...candidate.buckets].filter(([key]) => !baseline.buckets.has(key)).map(([key, bucket]) => alertOf(key, bucket));
  const removed = [...baseline.buckets].filter(([key]) => !candidate.buckets.has(key)).map(([key, bucket]) => alertOf(key, bucket));
  const side = (s: ReplaySide) => ({ label: s.label, version: s.version, matched_events: s.matched, alerts: s.buckets.size });
  return { baseline: side(baseline), candidate: side(candidate), added, removed, unchanged: candidate.buckets.size - added.length };
}
