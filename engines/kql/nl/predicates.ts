import type { Direction, NlEntities } from './entities.ts';
import { kqlString, kqlStringList } from './quote.ts';
import type { LoginOutcome, NlProcessFilter, Protocol } from './subject.ts';
import type { NlTable, SeverityWord } from './vocabulary.ts';

/** The free-text columns of each table, searched for keywords and for indicators a table has no column for. */
export const TEXT_COLUMNS: Readonly<Record<NlTable, readonly string[]>> = {
  Events: ['Message'],
  NetworkEvents: ['Message'],
  Alerts: ['Title', 'Description'],
  Incidents: ['Title', 'Description', 'Reason'],
};

const isEventTable = (table: NlTable) => table === 'Events' || table === 'NetworkEvents';
const or = (parts: string[]) => parts.join(' or ');

/** `Col == "v"` for one value, `Col in ("a", "b")` for several (`=~`/`in~` when case does not matter). */
function equals(column: string, values: readonly string[], caseless = false): string {
  if (values.length === 1) return `${column} ${caseless ? '=~' : '=='} ${kqlString(values[0] as string)}`;
  return `${column} ${caseless ? 'in~' : 'in'} ${kqlStringList(values)}`;
}

/** `Col has "v"` for one term, `Col has_any ("a", "b")` for several, over each column. */
export function textHas(columns: readonly string[], terms: readonly string[]): string {
  if (terms.length === 1) return or(columns.map((column) => `${column} has ${kqlString(terms[0] as string)}`));
  return or(columns.map((column) => `${column} has_any ${kqlStringList(terms)}`));
}

function textContains(columns: readonly string[], values: readonly string[]): string {
  return or(values.flatMap((value) => columns.map((column) => `${column} contains ${kqlString(value)}`)));
}

function addresses(table: NlTable, values: { value: string; direction: Direction }[], single: (column: string, values: string[]) => string): string[] {
  const by = (direction: Direction) => values.filter((item) => item.direction === direction).map((item) => item.value);
  const [either, source, destination] = [by('any'), by('src'), by('dst')];
  const parts: string[] = [];
  if (isEventTable(table)) {
    if (either.length > 0) parts.push(or([single('SrcIp', either), single('DstIp', either)]));
    if (source.length > 0) parts.push(single('SrcIp', source));
    if (destination.length > 0) parts.push(single('DstIp', destination));
    return parts;
  }
  // alerts and incidents record the attacker's address; a target address can only be found in their text
  const attacker = [...source, ...either];
  if (attacker.length > 0) parts.push(single('SrcIp', attacker));
  if (destination.length > 0) parts.push(textHas(TEXT_COLUMNS[table], destination));
  return parts;
}

const ipEquals = (column: string, values: string[]) => equals(column, values);
const inRange = (column: string, values: string[]) => or(values.map((cidr) => `ipv4_is_in_range(${column}, ${kqlString(cidr)})`));

/** One `where` predicate per kind of indicator the question names, in the columns `table` has for it. */
export function entityPredicates(table: NlTable, entities: NlEntities): string[] {
  const text = TEXT_COLUMNS[table];
  const predicates: string[] = [];
  if (entities.ips.length > 0) predicates.push(...addresses(table, entities.ips, ipEquals));
  if (entities.cidrs.length > 0) predicates.push(...addresses(table, entities.cidrs, inRange));
  if (entities.domains.length > 0) {
    const columns: Record<NlTable, readonly string[]> = {
      Events: ['Url', 'Message'],
      NetworkEvents: ['DnsQuery', 'HttpHost', 'TlsSni', 'Url'],
      Alerts: ['Url', 'EntityValue', 'Title', 'Description'],
      Incidents: text,
    };
    predicates.push(textHas(columns[table], entities.domains));
  }
  if (entities.urls.length > 0) predicates.push(textContains(table === 'Incidents' ? text : ['Url'], entities.urls));
  for (const kind of ['md5', 'sha1', 'sha256'] as const) {
    const values = entities.hashes.filter((hash) => hash.kind === kind).map((hash) => hash.value);
    if (values.length === 0) continue;
    if (table === 'Events' && kind !== 'sha1') predicates.push(equals(kind === 'md5' ? 'FileMd5' : 'FileSha256', values));
    else if (table === 'Alerts') predicates.push(or([equals('EntityValue', values), textContains(['Description'], values)]));
    else predicates.push(textContains(text, values));
  }
  if (entities.users.length > 0) predicates.push(table === 'Incidents' ? textHas(text, entities.users) : equals('UserName', entities.users, true));
  if (entities.hosts.length > 0) predicates.push(table === 'Incidents' ? textHas(text, entities.hosts) : equals('HostName', entities.hosts, true));
  if (entities.ports.length > 0 && isEventTable(table)) {
    predicates.push(entities.ports.length === 1 ? `DstPort == ${entities.ports[0]}` : `DstPort in (${entities.ports.join(', ')})`);
  }
  if (entities.files.length > 0) {
    predicates.push(
      table === 'Events' ? or([equals('FileName', entities.files, true), equals('ProcessName', entities.files, true)]) : textHas(text, entities.files),
    );
  }
  return predicates;
}

/** The entity kinds a table cannot filter on (they are reported, not silently dropped). */
export function unusableEntities(table: NlTable, entities: NlEntities): string[] {
  return entities.ports.length > 0 && !isEventTable(table) ? [`port ${entities.ports.join(', ')} (${table} have no port column)`] : [];
}

const PROTOCOL_PREDICATES: Readonly<Record<Protocol, string>> = {
  ssh: 'DstPort in (22, 2222) or Action startswith "syslog.sshd."',
  rdp: 'DstPort == 3389 or tostring(Attributes.win.LogonType) == "10"',
  windows: 'Action == "windows.logon"',
};

export function loginPredicates(outcome: LoginOutcome, protocols: readonly Protocol[]): string[] {
  const base = outcome === 'any' ? 'Category == "authentication"' : `Category == "authentication" and Outcome == ${kqlString(outcome)}`;
  if (protocols.length === 0) return [base];
  return [base, protocols.length === 1 ? PROTOCOL_PREDICATES[protocols[0] as Protocol] : or(protocols.map((protocol) => `(${PROTOCOL_PREDICATES[protocol]})`))];
}

const ENCODED_MARKERS = ['-enc', ' -e ', ' -ec ', 'base64'];

export function processPredicates(filter: NlProcessFilter): string[] {
  const predicates: string[] = [];
  if (filter.powershell) predicates.push('ProcessName has_any ("powershell", "pwsh")');
  if (filter.encoded) predicates.push(textContains(['ProcessCommandLine'], ENCODED_MARKERS));
  if (filter.commandContains.length > 0) predicates.push(textContains(['ProcessCommandLine'], filter.commandContains));
  if (predicates.length === 0) predicates.push('Category == "process"');
  return predicates;
}

export function severityPredicate(table: NlTable, severities: readonly SeverityWord[]): string {
  return equals(isEventTable(table) ? 'SeverityName' : 'Severity', severities);
}

export function statusPredicate(statuses: readonly string[]): string {
  return equals('Status', statuses);
}

/** Stored category values where the table has a category column, and the category's words in its text. */
export function categoryPredicate(table: NlTable, categories: readonly { value: string; term: string }[]): string {
  const values = categories.map((category) => category.value);
  const terms = [...new Set(categories.map((category) => category.term))];
  const text = textHas(TEXT_COLUMNS[table], terms);
  if (table === 'Incidents') return or([equals('ThreatCategory', values), text]);
  if (table === 'Alerts') return or([equals('Category', values), text]);
  return text;
}
