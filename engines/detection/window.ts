import type { DetectionEvent } from './types.ts';

/** Events in detection order: occurredAt, then id (stable for events that share a timestamp). */
export function byTime(a: DetectionEvent, b: DetectionEvent): number {
  return a.occurredAt.getTime() - b.occurredAt.getTime() || a.id - b.id;
}

/** Incremental state of one sliding window; `measure` returns null while the window does not fire. */
export type WindowTracker<M> = {
  add: (e: DetectionEvent) => void;
  remove: (e: DetectionEvent) => void;
  measure: () => M | null;
};

/** A maximal run of overlapping firing windows: events[first..last], with the strongest window's measure. */
export type Episode<M> = { first: number; last: number; peak: M };

/**
 * Slides a window of `windowSeconds` (inclusive: t_last − t_first ≤ window) over time-sorted events, ending the
 * window at each event in turn. Firing windows that overlap are merged into one episode; `better(a, b)` picks the
 * peak. Depends only on the events, never on a clock or on how they were batched.
 */
export function slidingEpisodes<M>(
  events: readonly DetectionEvent[],
  windowSeconds: number,
  tracker: WindowTracker<M>,
  better: (candidate: M, current: M) => boolean,
): Episode<M>[] {
  const windowMs = windowSeconds * 1000;
  const episodes: Episode<M>[] = [];
  let current: Episode<M> | null = null;
  let start = 0;
  for (let i = 0; i < events.length; i++) {
    const end = events[i] as DetectionEvent;
    tracker.add(end);
    while (start < i && end.occurredAt.getTime() - (events[start] as DetectionEvent).occurredAt.getTime() > windowMs) {
      tracker.remove(events[start] as DetectionEvent);
      start++;
    }
    const measure = tracker.measure();
    if (measure === null) continue;
    if (current !== null && start <= current.last) {
      current.last = i;
      if (better(measure, current.peak)) current.peak = measure;
    } else {
      current = { first: start, last: i, peak: measure };
      episodes.push(current);
    }
  }
  return episodes;
}

/** Splits time-sorted events where two neighbours are more than `gapSeconds` apart. */
export function gapEpisodes<T extends DetectionEvent>(events: readonly T[], gapSeconds: number): T[][] {
  const runs: T[][] = [];
  let run: T[] = [];
  for (const e of events) {
    const previous = run[run.length - 1];
    if (previous && e.occurredAt.getTime() - previous.occurredAt.getTime() > gapSeconds * 1000) {
      runs.push(run);
      run = [];
    }
    run.push(e);
  }
  if (run.length > 0) runs.push(run);
  return runs;
}

/** Groups items by a key, keeping first-seen key order and item order. */
export function groupBy<T>(items: readonly T[], keyOf: (item: T) => string | null): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    if (key === null) continue;
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

/** A counting multiset, for window trackers. */
export class Counter<K> {
  readonly counts = new Map<K, number>();
  add(key: K, n = 1): void {
    this.counts.set(key, (this.counts.get(key) ?? 0) + n);
  }
  remove(key: K, n = 1): void {
    const left = (this.counts.get(key) ?? 0) - n;
    if (left > 0) this.counts.set(key, left);
    else this.counts.delete(key);
  }
  get size(): number {
    return this.counts.size;
  }
}

/**
 * Per-key sets with reference counts, so a sliding window can add and remove events. With `threshold`, `qualifying`
 * holds the keys whose set has ≥ threshold members, kept up to date on each change (measures stay cheap).
 */
export class NestedCounter {
  readonly outer = new Map<string, Map<string, number>>();
  readonly qualifying = new Set<string>();
  readonly threshold: number;
  constructor(threshold = Number.POSITIVE_INFINITY) {
    this.threshold = threshold;
  }
  add(key: string, inner: string): void {
    const m = this.outer.get(key) ?? new Map<string, number>();
    m.set(inner, (m.get(inner) ?? 0) + 1);
    this.outer.set(key, m);
    if (m.size >= this.threshold) this.qualifying.add(key);
  }
  remove(key: string, inner: string): void {
    const m = this.outer.get(key);
    if (!m) return;
    const left = (m.get(inner) ?? 0) - 1;
    if (left > 0) m.set(inner, left);
    else m.delete(inner);
    if (m.size < this.threshold) this.qualifying.delete(key);
    if (m.size === 0) this.outer.delete(key);
  }
  sizeOf(key: string): number {
    return this.outer.get(key)?.size ?? 0;
  }
}
