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

const has = (list: readonly string[] | undefined, value: unknown) =>
  list === undefined || (typeof value === 'string' && list.some((item) => item.toLowerCase() === value.toLowerCase()));

/** The event-side twin of selectorCondition, minus the OS test (keys may over-select, never under-select). */
const selectorHolds = (selector: EventSelector, event: RuleEvent) =>
  has(selector.sourceKinds, event.sourceKind) && has(selector.categories, event.category) && has(selector.programs, event.processName);

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
  for (const [key, entry] of Object.entries(GENERIC_LOGSOURCES)) if (entry.selectors.some((selector) => selectorHolds(selector, event))) keys.push(key);
  for (const [product, sensor] of Object.entries(SENSOR_PRODUCTS)) {
    if (event.sourceKind !== sensor.sourceKind) continue;
    keys.push(logsourceKey(product));
    const service = event.action.startsWith(`${sensor.sourceKind}.`) ? event.action.slice(sensor.sourceKind.length + 1).split('.')[0] : undefined;
    if (service) keys.push(logsourceKey(product, undefined, service));
  }
  return keys;
}
