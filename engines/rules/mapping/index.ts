import type { FieldMapping, FieldPath, Logsource, RuleEvent } from '../types.ts';
import { genericEventKeys, genericField, genericLogsource, logsourceKey, sensorField, sensorLogsource } from './generic.ts';
import { UNSUPPORTED_CATEGORIES, UNSUPPORTED_PRODUCTS, UNSUPPORTED_SERVICES } from './logsources.ts';
import { type LogsourceAnswer, windowsEventKeys, windowsField, windowsLogsource } from './windows.ts';

/**
 * Vigil's Sigma field mapping: which stored events a Sigma logsource means, where a Sigma field is in them, and the
 * index keys that let the runtime find a rule by event (a rule whose keys share none with eventKeys(event) cannot match
 * it). The tables are data (logsources*.ts, fields-*.ts); bump `version` when they change, since compiled rules depend on it.
 */
export const MAPPING_VERSION = '2026-12-04.2';

function logsource({ product, category, service }: Logsource): LogsourceAnswer {
  if (product === 'windows') return windowsLogsource(category, service);
  const sensor = product ? sensorLogsource(product, service) : null;
  if (sensor) return sensor;
  const key = logsourceKey(product, category, service);
  const refused =
    (product ? UNSUPPORTED_PRODUCTS[product] : undefined) ?? (category ? UNSUPPORTED_CATEGORIES[category] : undefined) ?? UNSUPPORTED_SERVICES[key];
  if (refused) return { unsupported: `${refused} (${key})` };
  return genericLogsource(key) ?? { unsupported: `no Vigil source produces this logsource (${key})` };
}

/** Unknown fields: the parser's attributes, then the record as received. */
const fallback = (field: string): FieldPath[] => [`attributes.${field}`, `raw.${field}`];

function field({ product, category, service }: Logsource, name: string): FieldPath[] {
  if (product === 'windows') return windowsField(category, name);
  const sensor = product ? sensorField(product, name) : null;
  return sensor ?? genericField(logsourceKey(product, category, service), name) ?? fallback(name);
}

function eventKeys(event: RuleEvent): string[] {
  return windowsEventKeys(event) ?? genericEventKeys(event);
}

export const VIGIL_MAPPING: FieldMapping = { version: MAPPING_VERSION, logsource, field, eventKeys };
