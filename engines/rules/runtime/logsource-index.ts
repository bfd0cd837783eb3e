/** Past this many distinct key combinations the cache starts over (events' key sets are a few dozen in practice). */
const MAX_CACHED_COMBINATIONS = 512;

/**
 * Rules by logsource index key: the candidates for an event are the rules without keys (any event) and the rules
 * under any of the event's keys, in rule order (so results do not depend on which path found a rule). `prepare` turns
 * each distinct candidate list into what the caller keeps for it (built once per combination of event keys).
 */
export function buildLogsourceIndex<T>(
  keysByRule: ReadonlyArray<readonly string[]>,
  prepare: (candidates: Int32Array) => T,
): (eventKeys: readonly string[]) => T {
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
  const cache = new Map<string, T>();
  const combine = (eventKeys: readonly string[]): Int32Array => {
    const found = new Set(anyEvent);
    for (const key of eventKeys) for (const rule of byKey.get(key) ?? []) found.add(rule);
    return Int32Array.from(found).sort();
  };
  return (eventKeys) => {
    const cacheKey = eventKeys.join('\u0000');
    let prepared = cache.get(cacheKey);
    if (prepared === undefined) {
      if (cache.size >= MAX_CACHED_COMBINATIONS) cache.clear();
      prepared = prepare(combine(eventKeys));
      cache.set(cacheKey, prepared);
    }
    return prepared;
  };
}
