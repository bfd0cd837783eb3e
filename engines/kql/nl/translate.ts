import { TokenCursor } from './cursor.ts';
import { entityCount, INDICATOR_NOUNS, type NlEntities, recogniseEntities } from './entities.ts';
import {
  categoryPredicate,
  entityPredicates,
  loginPredicates,
  processPredicates,
  severityPredicate,
  statusPredicate,
  TEXT_COLUMNS,
  textHas,
  unusableEntities,
} from './predicates.ts';
import {
  type LoginOutcome,
  type NlAggregation,
  type NlProcessFilter,
  type Protocol,
  recogniseCategories,
  recogniseCounting,
  recogniseKeywords,
  recogniseLogins,
  recogniseProcess,
  recogniseSeverities,
  recogniseStatuses,
  recogniseTable,
  recogniseTop,
} from './subject.ts';
import { type NlTimeConstraint, recogniseTime } from './time.ts';
import { tokenize } from './tokens.ts';
import { type NlTable, type SeverityWord, STATUSES, STOPWORDS, TABLE_WORDS, TOP_KIND_WORDS, type TopKind } from './vocabulary.ts';

export type NlIntent =
  | 'failed_logins'
  | 'successful_logins'
  | 'logins'
  | 'process_search'
  | 'top_entities'
  | 'count_over_time'
  | 'count'
  | 'incident_search'
  | 'alert_search'
  | 'network_search'
  | 'entity_lookup'
  | 'event_search';

export interface NlFilters {
  table: NlTable;
  severities: SeverityWord[];
  statuses: string[];
  login: { outcome: LoginOutcome; protocols: Protocol[] } | null;
  process: NlProcessFilter | null;
  keywords: string[];
  aggregation: NlAggregation | null;
  /** Rows asked for when the query lists rows (not when it aggregates). */
  limit: number;
}

export interface NlUnderstanding {
  intent: NlIntent;
  entities: NlEntities;
  time_constraints: { phrase: string; kind: NlTimeConstraint['kind']; start: string; end: string } | null;
  threat_categories: string[];
  filters: NlFilters;
}

export interface NlTranslation {
  kql: string;
  time_range: { start: string; end: string } | null;
  understanding: NlUnderstanding;
  /** 0–1: how much of the question was understood (see `confidenceOf`). */
  confidence: number;
  /** Words of the question the query does not use. */
  unrecognised: string[];
  /** Things the question asked for that the chosen table cannot express (they are not in the query). */
  ignored: string[];
}

export interface TranslateOptions {
  /** The instant relative phrases are measured from ("today", "last hour"); tests pin it. */
  now: Date;
  /** Rows a listing query takes (default 50, at most 1000). */
  limit?: number;
}

const MAX_QUESTION_TOKENS = 64;
const TOP_COLUMNS: Readonly<Record<TopKind, Partial<Record<NlTable, string>>>> = {
  ips: { Events: 'SrcIp', NetworkEvents: 'SrcIp', Alerts: 'SrcIp', Incidents: 'SrcIp' },
  users: { Events: 'UserName', Alerts: 'UserName' },
  hosts: { Events: 'HostName', NetworkEvents: 'HostName', Alerts: 'HostName' },
  ports: { Events: 'DstPort', NetworkEvents: 'DstPort' },
  domains: { NetworkEvents: 'DnsQuery' },
};

/** Words no free text may take as a user, host or keyword value. */
const RESERVED = new Set<string>([
  ...STOPWORDS,
  ...Object.keys(TOP_KIND_WORDS),
  ...TABLE_WORDS.flatMap((entry) => entry.phrases.flat()),
  ...INDICATOR_NOUNS,
  'logins',
  'login',
]);

/** The table a question reads when it names none: logins and processes are events, attackers are alerts. */
function chooseTable(
  named: NlTable | null,
  parts: { login: boolean; process: boolean; aggregation: NlAggregation | null; incidentFilters: boolean; categories: boolean },
): NlTable {
  if (named) return named;
  if (parts.login || parts.process) return 'Events';
  const top = parts.aggregation?.kind === 'top' ? parts.aggregation : null;
  if (top?.attacking && TOP_COLUMNS[top.by].Alerts) return 'Alerts';
  if (top && !TOP_COLUMNS[top.by].Incidents)
    return TOP_COLUMNS[top.by].Alerts && (parts.categories || parts.incidentFilters) ? 'Alerts' : top.by === 'domains' ? 'NetworkEvents' : 'Events';
  if (parts.categories || parts.incidentFilters) return 'Incidents';
  return 'Events';
}

function intentOf(filters: NlFilters, entities: NlEntities): NlIntent {
  const aggregation = filters.aggregation?.kind;
  if (aggregation === 'top') return 'top_entities';
  if (aggregation === 'timeline') return 'count_over_time';
  if (aggregation === 'count') return 'count';
  if (filters.login) return filters.login.outcome === 'failure' ? 'failed_logins' : filters.login.outcome === 'success' ? 'successful_logins' : 'logins';
  if (filters.process) return 'process_search';
  if (filters.table === 'Incidents') return 'incident_search';
  if (filters.table === 'Alerts') return 'alert_search';
  if (filters.table === 'NetworkEvents') return 'network_search';
  return entityCount(entities) > 0 ? 'entity_lookup' : 'event_search';
}

/** The query's closing operators: a listing, a ranking, a timeline or a count. */
function tail(table: NlTable, aggregation: NlAggregation | null, limit: number): string[] {
  if (aggregation?.kind === 'count') return ['count'];
  if (aggregation?.kind === 'timeline') return [`summarize Count = count() by bin(TimeGenerated, ${aggregation.bin})`, 'sort by TimeGenerated asc'];
  if (aggregation?.kind === 'top') {
    const column = TOP_COLUMNS[aggregation.by][table] as string;
    const present = column === 'DstPort' ? `isnotnull(${column})` : `isnotempty(${column})`;
    return [`where ${present}`, `summarize Count = count(), LastSeen = max(TimeGenerated) by ${column}`, `top ${aggregation.n} by Count desc`];
  }
  return ['sort by TimeGenerated desc', `take ${limit}`];
}

/**
 * Confidence: half for having understood something specific (a subject, a filter, an indicator or a table), half
 * for the share of meaningful words used; a question of which nothing was understood scores 0.
 */
function confidenceOf(meaningful: number, used: number, specific: boolean): number {
  const coverage = meaningful === 0 ? 0 : used / meaningful;
  return Math.round((specific ? 0.5 + 0.5 * coverage : 0.2 * coverage) * 100) / 100;
}

/** A question in English to KQL over Events, Alerts, Incidents or NetworkEvents; deterministic for a given `now`. */
export function translateQuestion(question: string, options: TranslateOptions): NlTranslation {
  const now = options.now;
  const limit = Math.min(Math.max(Math.trunc(options.limit ?? 50), 1), 1000);
  const tokens = tokenize(question);
  const cursor = new TokenCursor(tokens.slice(0, MAX_QUESTION_TOKENS));
  const ignored: string[] = tokens.length > MAX_QUESTION_TOKENS ? [`words after the first ${MAX_QUESTION_TOKENS}`] : [];

  const time = recogniseTime(cursor, now);
  const aggregation = recogniseTop(cursor) ?? recogniseCounting(cursor);
  const named = recogniseTable(cursor);
  const categories = recogniseCategories(cursor);
  const severities = recogniseSeverities(cursor);
  const statuses = recogniseStatuses(cursor);
  const login = recogniseLogins(cursor);
  const process = recogniseProcess(cursor);
  const entities = recogniseEntities(cursor, RESERVED);
  const keywords = recogniseKeywords(cursor, RESERVED);

  const table = chooseTable(named, {
    login: login !== null,
    process: process !== null,
    aggregation,
    incidentFilters: severities.length + statuses.length > 0,
    categories: categories.length > 0,
  });
  const where: string[] = [];
  if (time) where.push(time.predicate);
  if (login && table === 'Events') where.push(...loginPredicates(login.outcome, login.protocols));
  else if (login) ignored.push(`the login filter (${table} have no authentication outcome; ask for events)`);
  if (process && table === 'Events') where.push(...processPredicates(process));
  else if (process) ignored.push(`the process filter (${table} have no process columns; ask for events)`);
  if (categories.length > 0) where.push(categoryPredicate(table, categories));
  if (severities.length > 0) where.push(severityPredicate(table, severities));
  const applicableStatuses = statuses.filter((status) => STATUSES[status]?.includes(table));
  if (applicableStatuses.length > 0) where.push(statusPredicate(applicableStatuses));
  for (const status of statuses.filter((status) => !applicableStatuses.includes(status))) ignored.push(`status ${status} (not a status of ${table})`);
  where.push(...entityPredicates(table, entities));
  ignored.push(...unusableEntities(table, entities));
  if (keywords.length > 0) where.push(textHas(TEXT_COLUMNS[table], keywords));

  let effectiveAggregation = aggregation;
  if (aggregation?.kind === 'top' && TOP_COLUMNS[aggregation.by][table] === undefined) {
    ignored.push(`top ${aggregation.by} (${table} have no such column)`);
    effectiveAggregation = null;
  }
  const kql = [table, ...where.map((predicate) => `where ${predicate}`), ...tail(table, effectiveAggregation, limit)].join('\n| ');

  const filters: NlFilters = {
    table,
    severities,
    statuses: applicableStatuses,
    login: login && table === 'Events' ? login : null,
    process: process && table === 'Events' ? process : null,
    keywords,
    aggregation: effectiveAggregation,
    limit,
  };
  const meaningful = cursor.tokens.map((token, index) => ({ token, index })).filter(({ token }) => token.quoted || !STOPWORDS.has(token.lower));
  const unrecognised = meaningful.filter(({ index }) => !cursor.isClaimed(index)).map(({ token }) => token.text);
  const specific = named !== null || where.length > (time ? 1 : 0) || effectiveAggregation !== null;
  return {
    kql,
    time_range: time ? { start: time.start.toISOString(), end: time.end.toISOString() } : null,
    understanding: {
      intent: intentOf(filters, entities),
      entities,
      time_constraints: time ? { phrase: time.phrase, kind: time.kind, start: time.start.toISOString(), end: time.end.toISOString() } : null,
      threat_categories: categories.map((category) => category.value),
      filters,
    },
    confidence: confidenceOf(meaningful.length, meaningful.length - unrecognised.length, specific),
    unrecognised,
    ignored,
  };
}
