import type { FieldPath } from '../types.ts';

/**
 * Sigma fields under `product: windows`. Every field F is `attributes.win.F` (the event's own field); these tables only
 * add what differs: other names the same value has in another event of the category, and the normalised column that
 * holds exactly the same value (never a column filled from several fields, which would widen the match).
 */
export const WIN = 'attributes.win';

/** Sigma field → the normalised column the Windows parser copies from that field unchanged. */
export const WINDOWS_COLUMNS: Readonly<Record<string, readonly FieldPath[]>> = {
  CommandLine: ['processCommandLine'],
  SourceIp: ['srcIp'],
  SourcePort: ['srcPort'],
  DestinationIp: ['dstIp'],
  DestinationPort: ['dstPort'],
};

/**
 * Per category: Sigma (Sysmon) field → its name in the other event of the category. Security 4688 names the new process
 * NewProcessName and its parent ParentProcessName; 4663 (file_access) names the file ObjectName and the process ProcessName.
 */
export const WINDOWS_CATEGORY_ALIASES: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = {
  process_creation: { Image: ['NewProcessName'], ParentImage: ['ParentProcessName'] },
  file_access: { TargetFilename: ['ObjectName'], Image: ['ProcessName'] },
};

/** Spellings of System fields seen in rules and shippers, → the name in attributes.win. */
export const WINDOWS_FIELD_SPELLINGS: Readonly<Record<string, string>> = {
  ProviderName: 'Provider_Name',
  'Provider.Name': 'Provider_Name',
  EventId: 'EventID',
  event_id: 'EventID',
};
