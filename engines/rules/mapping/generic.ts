import type { Condition, FieldPath, RuleEvent } from '../types.ts';
import { allOf, anyOf, containsAny, equalsAny, startsWithAny } from './conditions.ts';
import { type EventSelector, GENERIC_LOGSOURCES, SENSOR_PRODUCTS } from './logsources.ts';
import type { LogsourceAnswer } from './windows.ts';

/** `product/category/service`, missing parts empty: the GENERIC_LOGSOURCES key and the index key. */
export const logsourceKey = (product?: string, category?: string, service?: string) => `${product ?? ''}/${category ?? ''}/${service ?? ''}`;

const OS_PATHS = ['attributes.os', 'attributes.os.name', 'attributes.os.platform', 'attributes.os.type'];

function selectorCondition(selector: EventSelector): Condition {
  const items: Condition[] = [];
  if (selector.sourceKinds) items.push(equalsAny('sourceKind', selector.sourceKinds));
  if (selector.categories) items.push(equalsAny('category', selector.categories));
  if (selector.programs) items.push(equalsAny('processName', selector.programs));
  if (selector.os) items.push(containsAny(OS_PATHS, selector.os));
  return items.length === 0 ? { type: 'const', value: true } : allOf(items);
}

type LoweredSelector = { sourceKinds?: ReadonlySet<string>; categories?: ReadonlySet<string>; programs?: ReadonlySet<string> };

const loweredSet = (list: readonly string[] | undefined) => (list === undefined ? undefined : new Set(list.map((item) => item.toLowerCase())));

/** The selectors of every generic entry with their values lower-cased once: eventKeys runs on every event. */
const LOWERED_ENTRIES = Object.entries(GENERIC_LOGSOURCES).map(([key, entry]) => ({
  key,
  selectors: entry.selectors.map(
    (selector): LoweredSelector => ({
      sourceKinds: loweredSet(selector.sourceKinds),
      categories: loweredSet(selector.categories),
      programs: loweredSet(selector.programs),
    }),
  ),
}));

const has = (set: ReadonlySet<string> | undefined, lowered: string | null) => set === undefined || (lowered !== null && set.has(lowered));
const lowerOrNull = (value: unknown) => (typeof value === 'string' ? value.toLowerCase() : null);

export function genericLogsource(key: string): LogsourceAnswer | null {
  const entry = GENERIC_LOGSOURCES[key];
  return entry ? { condition: anyOf(entry.selectors.map(selectorCondition)), keys: [key] } : null;
}

export function genericField(key: string, field: string): FieldPath[] | null {
  const entry = GENERIC_LOGSOURCES[key];
  return entry?.fields[field]?.slice() ?? entry?.fieldRoots?.map((root) => `${root}.${field}`) ?? null;
}

/** Zeek, Suricata, Cowrie, osquery: the sensor's events, `service` the record type (first action segment). */
export function sensorLogsource(product: string, service: string | undefined): LogsourceAnswer | null {
  const sensor = SENSOR_PRODUCTS[product];
  if (!sensor) return null;
  const kind = equalsAny('sourceKind', [sensor.sourceKind]);
  if (service === undefined) return { condition: kind, keys: [logsourceKey(product)] };
  const prefix = `${sensor.sourceKind}.${service}`;
  const action = anyOf([equalsAny('action', [prefix]), startsWithAny('action', [`${prefix}.`])]);
  return { condition: allOf([kind, action]), keys: [logsourceKey(product, undefined, service)] };
}

export function sensorField(product: string, field: string): FieldPath[] | null {
  return SENSOR_PRODUCTS[product]?.fieldRoots.map((root) => `${root}.${field}`) ?? null;
}

/** Index keys of a non-Windows event: every generic entry it may satisfy, and its sensor product/service. */
export function genericEventKeys(event: RuleEvent): string[] {
  const keys: string[] = [];
  const sourceKind = lowerOrNull(event.sourceKind);
  const category = lowerOrNull(event.category);
  const program = lowerOrNull(event.processName);
  // the event-side twin of selectorCondition, minus the OS test (keys may over-select, never under-select)
  const holds = (selector: LoweredSelector) => has(selector.sourceKinds, sourceKind) && has(selector.categories, category) && has(selector.programs, program);
  for (const { key, selectors } of LOWERED_ENTRIES) if (selectors.some(holds)) keys.push(key);
  for (const [product, sensor] of Object.entries(SENSOR_PRODUCTS)) {
    if (event.sourceKind !== sensor.sourceKind) continue;
    keys.push(logsourceKey(product));
    const service = event.action.startsWith(`${sensor.sourceKind}.`) ? event.action.slice(sensor.sourceKind.length + 1).split('.')[0] : undefined;
    if (service) keys.push(logsourceKey(product, undefined, service));
  }
  return keys;
}
