import type { Condition, FieldPath, RuleEvent } from '../types.ts';
import { allOf, anyOf, equalsAny, numberIn } from './conditions.ts';
import { WIN, WINDOWS_CATEGORY_ALIASES, WINDOWS_COLUMNS, WINDOWS_FIELD_SPELLINGS } from './fields-windows.ts';
import { WINDOWS_CATEGORIES, WINDOWS_ETW_ONLY_CATEGORIES, WINDOWS_SERVICES, type WindowsSelector } from './logsources-windows.ts';

export type LogsourceAnswer = { condition: Condition; keys: string[] } | { unsupported: string };

/** Windows events are the Windows parser's: sourceKind agent with attributes.win (engines/telemetry/windows.ts). */
const IS_WINDOWS: Condition = allOf([equalsAny('sourceKind', ['agent']), { type: 'field', field: 'win', paths: [WIN], tests: [{ op: 'exists', value: true }], mode: 'any' }]);

export const windowsCategoryKey = (category: string) => `windows/${category}`;
export const windowsServiceKey = (service: string) => `windows/service=${service}`;

function selectorCondition(selector: WindowsSelector): Condition {
  const items = [equalsAny(`${WIN}.Channel`, selector.channels)];
  if (selector.eventIds) items.push(numberIn(`${WIN}.EventID`, selector.eventIds));
  for (const [field, values] of Object.entries(selector.where ?? {})) items.push(equalsAny(`${WIN}.${field}`, values));
  return allOf(items);
}

/** `product: windows` with an optional category and/or service. */
export function windowsLogsource(category: string | undefined, service: string | undefined): LogsourceAnswer {
  const items: Condition[] = [IS_WINDOWS];
  let keys = ['windows'];
  if (service !== undefined) {
    const channels = WINDOWS_SERVICES[service];
    if (!channels) return { unsupported: `no Windows event log channel is known for this service (windows/${service})` };
    items.push(equalsAny(`${WIN}.Channel`, channels));
    keys = [windowsServiceKey(service)];
  }
  if (category !== undefined) {
    const selectors = WINDOWS_CATEGORIES[category];
    if (!selectors) {
      const why = WINDOWS_ETW_ONLY_CATEGORIES.includes(category) ? 'ETW-only Windows telemetry is not ingested' : 'no Windows event log mapping for this category';
      return { unsupported: `${why} (windows/${category})` };
    }
    items.push(anyOf(selectors.map(selectorCondition)));
    keys = [windowsCategoryKey(category)];
  }
  return { condition: allOf(items), keys };
}

/** A Sigma field under a Windows logsource: the event's own field, its other name in the category, the same-valued column. */
export function windowsField(category: string | undefined, field: string): FieldPath[] {
  const name = WINDOWS_FIELD_SPELLINGS[field] ?? field;
  const aliases = (category ? WINDOWS_CATEGORY_ALIASES[category]?.[name] : undefined) ?? [];
  return [`${WIN}.${name}`, ...aliases.map((alias) => `${WIN}.${alias}`), ...(WINDOWS_COLUMNS[name] ?? [])];
}

const lower = (value: unknown) => (typeof value === 'string' ? value.toLowerCase() : null);

/** Index keys of a Windows event: `windows`, its services (by channel) and categories (by channel and EventID). */
export function windowsEventKeys(event: RuleEvent): string[] | null {
  const win = event.attributes.win;
  if (event.sourceKind !== 'agent' || typeof win !== 'object' || win === null) return null;
  const fields = win as Record<string, unknown>;
  const channel = lower(fields.Channel);
  const eventId = typeof fields.EventID === 'number' ? fields.EventID : Number(fields.EventID);
  const keys = ['windows'];
  if (channel === null) return keys;
  for (const [service, channels] of Object.entries(WINDOWS_SERVICES)) {
    if (channels.some((name) => name.toLowerCase() === channel)) keys.push(windowsServiceKey(service));
  }
  for (const [category, selectors] of Object.entries(WINDOWS_CATEGORIES)) {
    const holds = selectors.some((s) => s.channels.some((name) => name.toLowerCase() === channel) && (!s.eventIds || s.eventIds.includes(eventId)));
    if (holds) keys.push(windowsCategoryKey(category));
  }
  return keys;
}
