import type { ResolvedCorrelation } from './resolve.ts';

/** One event a referenced rule matched, with the values the correlation keeps of it (correlationValues). */
export type CorrelationHit = { ruleKey: string; eventId: number; occurredAt: Date; group: string[]; value: string | null };
/** One firing: a maximal run of overlapping firing windows of one group, with the hits' events and the peak measure. */
export type CorrelationMatch = { group: string[]; windowStart: Date; windowEnd: Date; eventIds: number[]; observed: number };

type Condition = ResolvedCorrelation['condition'];
type Episode = { first: number; last: number; peak: number };
/** The measure of a window: distinct events, values or rules, kept up to date as hits enter and leave. */
type Tally = { add(hit: CorrelationHit): void; remove(hit: CorrelationHit): void; size(): number };

const timeOf = (hit: CorrelationHit) => hit.occurredAt.getTime();

function byTime(a: CorrelationHit, b: CorrelationHit): number {
  return timeOf(a) - timeOf(b) || a.eventId - b.eventId || (a.ruleKey < b.ruleKey ? -1 : a.ruleKey > b.ruleKey ? 1 : 0);
}

export function conditionHolds(condition: Condition, count: number): boolean {
  return (
    (condition.gt === undefined || count > condition.gt) &&
    (condition.gte === undefined || count >= condition.gte) &&
    (condition.lt === undefined || count < condition.lt) &&
    (condition.lte === undefined || count <= condition.lte) &&
    (condition.eq === undefined || count === condition.eq)
  );
}

/** A condition a later hit can turn false (lt, lte, eq): it is judged only on complete windows. */
const hasUpperBound = (condition: Condition) => condition.lt !== undefined || condition.lte !== undefined || condition.eq !== undefined;

function tallyOf(keyOf: (hit: CorrelationHit) => string | number): Tally {
  const counts = new Map<string | number, number>();
  return {
    add(hit) {
      const key = keyOf(hit);
      counts.set(key, (counts.get(key) ?? 0) + 1);
    },
    remove(hit) {
      const key = keyOf(hit);
      const left = (counts.get(key) ?? 0) - 1;
      if (left > 0) counts.set(key, left);
      else counts.delete(key);
    },
    size: () => counts.size,
  };
}

function tallyFor(spec: ResolvedCorrelation): Tally {
  if (spec.type === 'value_count') return tallyOf((hit) => hit.value as string);
  if (spec.type === 'event_count') return tallyOf((hit) => hit.eventId);
  return tallyOf((hit) => hit.ruleKey);
}

/** Adds a firing window [first, last] (indices into the group's hits), merged into the previous one when they overlap. */
function pushWindow(episodes: Episode[], first: number, last: number, measure: number): void {
  const current = episodes[episodes.length - 1];
  if (current && first <= current.last) {
    current.last = Math.max(current.last, last);
    current.peak = Math.max(current.peak, measure);
  } else episodes.push({ first, last, peak: measure });
}

/** Windows ending at each hit (t_last − t_first ≤ timespan): they fire as soon as the count is reached. */
function slidingWindows(hits: readonly CorrelationHit[], spec: ResolvedCorrelation): Episode[] {
  const tally = tallyFor(spec);
  const episodes: Episode[] = [];
  let start = 0;
  hits.forEach((end, i) => {
    tally.add(end);
    while (timeOf(end) - timeOf(hits[start] as CorrelationHit) > spec.timespanMs) tally.remove(hits[start++] as CorrelationHit);
    const measure = tally.size();
    if (conditionHolds(spec.condition, measure)) pushWindow(episodes, start, i, measure);
  });
  return episodes;
}

/**
 * Windows starting at each distinct hit time and lasting the timespan, judged only once complete: when some hit of
 * the correlation (any group) lies past the window's end, so a later hit can no longer change its count.
 */
function completeWindows(hits: readonly CorrelationHit[], spec: ResolvedCorrelation, latest: number): Episode[] {
  const tally = tallyFor(spec);
  const episodes: Episode[] = [];
  let end = 0;
  for (let start = 0; start < hits.length; start++) {
    const from = timeOf(hits[start] as CorrelationHit);
    if (start > 0) tally.remove(hits[start - 1] as CorrelationHit);
    while (end < hits.length && timeOf(hits[end] as CorrelationHit) - from <= spec.timespanMs) tally.add(hits[end++] as CorrelationHit);
    const sameTimeAsPrevious = start > 0 && timeOf(hits[start - 1] as CorrelationHit) === from;
    if (sameTimeAsPrevious || latest - from <= spec.timespanMs) continue;
    const measure = tally.size();
    if (conditionHolds(spec.condition, measure)) pushWindow(episodes, start, end - 1, measure);
  }
  return episodes;
}

/**
 * temporal_ordered: a hit of the last rule fires when hits of every rule, in the listed order, lie within the timespan.
 * chainStart[i] is the latest start of a chain through rules[0..i] so far: keeping the latest start is enough, since
 * a later start only shortens the window.
 */
function orderedWindows(hits: readonly CorrelationHit[], spec: ResolvedCorrelation): Episode[] {
  const last = spec.rules.length - 1;
  const chainStart: Array<number | null> = spec.rules.map(() => null);
  const episodes: Episode[] = [];
  hits.forEach((hit, i) => {
    const position = spec.rules.indexOf(hit.ruleKey);
    if (position < 0) return;
    chainStart[position] = position === 0 ? i : (chainStart[position - 1] ?? null);
    const start = chainStart[position];
    if (position === last && start != null && timeOf(hit) - timeOf(hits[start] as CorrelationHit) <= spec.timespanMs)
      pushWindow(episodes, start, i, spec.rules.length);
  });
  return episodes;
}

/** The hits that count, each (rule, event) once, grouped and in (occurredAt, eventId) order. */
function groupedHits(spec: ResolvedCorrelation, hits: readonly CorrelationHit[]): Map<string, CorrelationHit[]> {
  const referenced = new Set(spec.rules);
  const seen = new Set<string>();
  const groups = new Map<string, CorrelationHit[]>();
  for (const hit of [...hits].sort(byTime)) {
    if (!referenced.has(hit.ruleKey) || (spec.type === 'value_count' && hit.value === null)) continue;
    const identity = `${hit.ruleKey}\u0000${hit.eventId}`;
    if (seen.has(identity)) continue;
    seen.add(identity);
    const key = JSON.stringify(hit.group);
    const group = groups.get(key);
    if (group) group.push(hit);
    else groups.set(key, [hit]);
  }
  return groups;
}

function matchOf(hits: readonly CorrelationHit[], episode: Episode): CorrelationMatch {
  const inWindow = hits.slice(episode.first, episode.last + 1);
  const first = inWindow[0] as CorrelationHit;
  const last = inWindow[inWindow.length - 1] as CorrelationHit;
  return {
    group: [...first.group],
    windowStart: first.occurredAt,
    windowEnd: last.occurredAt,
    eventIds: [...new Set(inWindow.map((hit) => hit.eventId))],
    observed: episode.peak,
  };
}

/**
 * A correlation over a set of rule hits (Sigma correlation specification): per group-by group, event_count counts
 * distinct events, value_count distinct values of the field, temporal distinct rules within the timespan, and
 * temporal_ordered needs the rules' hits in the listed order within it. Windows slide over event time, never over a
 * clock, and the hits are sorted first, so the matches depend only on the set of hits, not on how it was batched.
 * Overlapping firing windows of one group are one match. A condition with an upper bound (lt, lte, eq) is judged on
 * windows that start at a hit and are complete (a later hit lies past their end); windows without hits are not seen.
 * temporal_ordered always needs every listed rule.
 */
export function evaluateCorrelation(spec: ResolvedCorrelation, hits: readonly CorrelationHit[]): CorrelationMatch[] {
  const groups = groupedHits(spec, hits);
  let latest = Number.NEGATIVE_INFINITY;
  for (const group of groups.values()) latest = Math.max(latest, timeOf(group[group.length - 1] as CorrelationHit));
  const matches: Array<{ key: string; match: CorrelationMatch }> = [];
  for (const [key, group] of groups) {
    const episodes =
      spec.type === 'temporal_ordered'
        ? orderedWindows(group, spec)
        : hasUpperBound(spec.condition)
          ? completeWindows(group, spec, latest)
          : slidingWindows(group, spec);
    for (const episode of episodes) matches.push({ key, match: matchOf(group, episode) });
  }
  matches.sort((a, b) => a.match.windowStart.getTime() - b.match.windowStart.getTime() || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return matches.map(({ match }) => match);
}
