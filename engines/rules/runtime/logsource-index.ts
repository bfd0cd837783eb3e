/** Past this many distinct key combinations the cache starts over (events' key sets are few in practice). */
const MAX_CACHED_COMBINATIONS = 4096;

/**
 * Rules by logsource index key: the candidates for an event are the rules without keys (any event) and the rules
 * under any of the event's keys, in rule order (so results do not depend on which path found a rule).
 */
export function buildLogsourceIndex(keysByRule: ReadonlyArray<readonly string[]>): (eventKeys: readonly string[]) => Int32Array {
  const anyEvent: number[] = [];
  const byKey = new Map<string, number[]>();
  keysByRule.forEach((keys, rule) => {
    if (keys.length === 0) anyEvent.push(rule);
    for (const key of new Set(keys)) {
      const rules = byKey.get(key);
      if (rules) rules.push(rule);
      else byKey.set(key, [rule]);
    }
  });
  const cache = new Map<string, Int32Array>();
  const combine = (eventKeys: readonly string[]): Int32Array => {
    const found = new Set(anyEvent);
    for (const key of eventKeys) for (const rule of byKey.get(key) ?? []) found.add(rule);
    return Int32Array.from(found).sort();
  };
  return (eventKeys) => {
    const cacheKey = eventKeys.join('\u0000');
    let candidates = cache.get(cacheKey);
    if (candidates === undefined) {
      if (cache.size >= MAX_CACHED_COMBINATIONS) cache.clear();
      candidates = combine(eventKeys);
      cache.set(cacheKey, candidates);
    }
    return candidates;
  };
}
