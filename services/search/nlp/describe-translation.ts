import type { NlTranslation } from '../../../engines/kql/nl/index.ts';

/** Mini-XDR's query_type for each intent (it has no finer notion). */
export const QUERY_TYPES = {
  failed_logins: 'threat_analysis',
  successful_logins: 'threat_analysis',
  logins: 'threat_analysis',
  process_search: 'threat_analysis',
  network_search: 'threat_analysis',
  top_entities: 'pattern_recognition',
  count: 'pattern_recognition',
  count_over_time: 'timeline_analysis',
  entity_lookup: 'ioc_extraction',
  incident_search: 'incident_search',
  alert_search: 'incident_search',
  event_search: 'incident_search',
} as const;

const INTENT_WORDS: Readonly<Record<keyof typeof QUERY_TYPES, string>> = {
  failed_logins: 'failed logins',
  successful_logins: 'successful logins',
  logins: 'logins',
  process_search: 'process executions',
  network_search: 'network events',
  top_entities: 'a ranking',
  count: 'a count',
  count_over_time: 'counts over time',
  entity_lookup: 'activity of the indicators named',
  incident_search: 'incidents',
  alert_search: 'alerts',
  event_search: 'events',
};

const URGENT_CATEGORIES = new Set(['ransomware', 'exfiltration', 'command_and_control']);

/** The highest severity asked for; high for the categories that cannot wait; else medium. */
export function priorityOf(translation: NlTranslation): 'low' | 'medium' | 'high' | 'critical' {
  const asked = translation.understanding.filters.severities;
  if (asked.length > 0) return asked[asked.length - 1] as 'low' | 'medium' | 'high' | 'critical';
  return translation.understanding.threat_categories.some((category) => URGENT_CATEGORIES.has(category)) ? 'high' : 'medium';
}

/** What the question was understood to ask, in words (no claim beyond what the translator recognised). */
export function describeTranslation(translation: NlTranslation): string {
  if (translation.confidence === 0) return 'Nothing in the question was recognised';
  const { intent, entities, time_constraints, threat_categories, filters } = translation.understanding;
  const parts = [INTENT_WORDS[intent]];
  const aggregation = filters.aggregation;
  if (aggregation?.kind === 'top') parts.push(`of the top ${aggregation.n} ${aggregation.by}`);
  if (aggregation?.kind === 'timeline') parts.push(`per ${aggregation.bin}`);
  if (filters.login && filters.login.protocols.length > 0) parts.push(`over ${filters.login.protocols.join(' or ')}`);
  if (threat_categories.length > 0) parts.push(`about ${threat_categories.join(' or ')}`);
  if (filters.severities.length > 0) parts.push(`of ${filters.severities.join(' or ')} severity`);
  if (filters.statuses.length > 0) parts.push(`with status ${filters.statuses.join(' or ')}`);
  const indicators = [
    ...entities.ips.map((ip) => (ip.direction === 'src' ? `from ${ip.value}` : ip.direction === 'dst' ? `to ${ip.value}` : `involving ${ip.value}`)),
    ...entities.cidrs.map((cidr) => `in ${cidr.value}`),
    ...entities.users.map((user) => `user ${user}`),
    ...entities.hosts.map((host) => `host ${host}`),
    ...entities.domains,
    ...entities.urls,
    ...entities.hashes.map((hash) => `${hash.kind} ${hash.value}`),
    ...entities.ports.map((port) => `port ${port}`),
    ...entities.files,
    ...filters.keywords.map((keyword) => `mentioning "${keyword}"`),
  ];
  if (indicators.length > 0) parts.push(indicators.join(', '));
  if (time_constraints)
    parts.push(time_constraints.phrase === 'today' || time_constraints.phrase === 'yesterday' ? time_constraints.phrase : `in the ${time_constraints.phrase}`);
  return `${parts.join(' ')}, from ${filters.table}`;
}
