import { detectSource } from '../../engines/telemetry/index.ts';

import type { NetworkSource } from '../events/index.ts';

export type { NetworkSource };
export type DeclaredSource = NetworkSource | 'auto';

const ZEEK_HINTS = ['ts', 'uid', '_path', 'id.orig_h', 'id.resp_h'];
const EVE_HINTS = ['event_type', 'timestamp', 'flow_id', 'src_ip', 'dest_ip', 'in_iface'];

/**
 * Which parser a record of a network batch goes to. With 'auto', a record the generic detector cannot
 * place but that carries Zeek or EVE keys still goes to that parser, so the sender learns what is
 * missing (e.g. missing_event_type) instead of a bare "unrecognised". Null: neither.
 */
export function networkSourceOf(record: unknown, declared: DeclaredSource): NetworkSource | null {
  if (declared !== 'auto') return declared;
  const detected = detectSource(record);
  if (detected === 'suricata' || detected === 'zeek') return detected;
  if (detected !== 'custom' || typeof record !== 'object' || record === null) return null;
  const keys = new Set(Object.keys(record));
  if (ZEEK_HINTS.some((key) => keys.has(key))) return 'zeek';
  if (EVE_HINTS.some((key) => keys.has(key))) return 'suricata';
  return null;
}

export type SourceGroups = {
  groups: Map<NetworkSource, { records: unknown[]; indexes: number[] }>;
  unrecognised: number[];
};

/** Splits a batch by parser, remembering each record's position in the request. */
export function groupBySource(records: readonly unknown[], declared: DeclaredSource): SourceGroups {
  const groups: SourceGroups['groups'] = new Map();
  const unrecognised: number[] = [];
  records.forEach((record, index) => {
    const source = networkSourceOf(record, declared);
    if (source === null) {
      unrecognised.push(index);
      return;
    }
    const group = groups.get(source) ?? { records: [], indexes: [] };
    group.records.push(record);
    group.indexes.push(index);
    groups.set(source, group);
  });
  return { groups, unrecognised };
}
