import type { Condition, FieldPath, RuleEvent } from '../types.ts';
import { allOf, anyOf, equalsAny, numberIn } from './conditions.ts';
import { WIN, WINDOWS_CATEGORY_ALIASES, WINDOWS_COLUMNS, WINDOWS_FIELD_SPELLINGS } from './fields-windows.ts';
import { WINDOWS_CATEGORIES, WINDOWS_ETW_ONLY_CATEGORIES, WINDOWS_SERVICES, type WindowsSelector } from './logsources-windows.ts';

export type LogsourceAnswer = { condition: Condition; keys: string[] } | { unsupported: string };

/** Windows events are the Windows parser's: sourceKind agent with attributes.win (engines/telemetry/windows.ts). */
const IS_WINDOWS: Condition = allOf([
  equalsAny('sourceKind', ['agent']),
  { type: 'field', field: 'win', paths: [WIN], tests: [{ op: 'exists', value: true }], mode: 'any' },
]);

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
      const why = WINDOWS_ETW_ONLY_CATEGORIES.includes(category)
        ? 'ETW-only Windows telemetry is not ingested'
        : 'no Windows event log mapping for this category';
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

type ChannelKeys = { services: string[]; categories: Array<{ key: string; eventIds: readonly number[] | undefined }> };

/** Per lower-cased channel, the service keys it gives and the category keys with the EventIDs they need (built once). */
const KEYS_BY_CHANNEL: ReadonlyMap<string, ChannelKeys> = (() => {
  const byChannel = new Map<string, ChannelKeys>();
  const entry = (channel: string) => {
    const name = channel.toLowerCase();
    const found = byChannel.get(name) ?? { services: [], categories: [] };
    byChannel.set(name, found);
    return found;
  };
  for (const [service, channels] of Object.entries(WINDOWS_SERVICES)) for (const channel of channels) entry(channel).services.push(windowsServiceKey(service));
  for (const [category, selectors] of Object.entries(WINDOWS_CATEGORIES)) {
    for (const selector of selectors)
      for (const channel of selector.channels) entry(channel).categories.push({ key: windowsCategoryKey(category), eventIds: selector.eventIds });
  }
  return byChannel;
})();

/** Index keys of a Windows event: `windows`, its services (by channel) and categories (by channel and EventID); null for other events. */
export function windowsEventKeys(event: RuleEvent): string[] | null {
  const win = event.attributes.win;
  if (event.sourceKind !== 'agent' || typeof win !== 'object' || win === null) return null;
  const fields = win as Record<string, unknown>;
  const keys = ['windows'];
  const known = typeof fields.Channel === 'string' ? KEYS_BY_CHANNEL.get(fields.Channel.toLowerCase()) : undefined;
  if (!known) return keys;
  const eventId = Number(fields.EventID);
  keys.push(...known.services);
  for (const { key, eventIds } of known.categories) if ((!eventIds || eventIds.includes(eventId)) && !keys.includes(key)) keys.push(key);
  return keys;
}
