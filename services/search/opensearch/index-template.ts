import type { Dsl } from '../../../engines/kql/opensearch/index.ts';

/** Longest keyword kept in the term index; longer values stay in _source (and in `.terms`) but not as one keyword. */
export const KEYWORD_IGNORE_ABOVE = 8191;

const keyword = { type: 'keyword', ignore_above: KEYWORD_IGNORE_ABOVE };
/** A keyword plus a `.terms` subfield tokenised by KQL's term rule, for `has`. */
const keywordWithTerms = { ...keyword, fields: { terms: { type: 'text', analyzer: 'kql_terms', norms: false, index_options: 'positions' } } };
/** An address (CIDR terms, ranges) plus its text form for KQL's string operators (startswith "10.0."). */
const address = { type: 'ip', ignore_malformed: true, fields: { str: keyword } };

export function eventIndexPattern(prefix: string): string {
  return `${prefix}-*`;
}

export function eventIndexTemplateName(prefix: string): string {
  return `${prefix}-events`;
}

/**
 * The composable index template of the daily event indices. Mappings are explicit and `dynamic: strict`: documents
 * come only from the indexer, and a tenant's payload must never add fields to an index other tenants share.
 * `attributes` (source-specific extras, keys chosen by senders) is a `flat_object` (OpenSearch 2.7+): every leaf is
 * searchable as a keyword under its dotted path while the mapping stays one field, so no sender can exhaust
 * `index.mapping.total_fields.limit` (which would fail every tenant's writes to that day's index). `raw` is kept in
 * _source only.
 */
export function eventIndexTemplate(prefix: string, replicas: number): Dsl {
  return {
    index_patterns: [eventIndexPattern(prefix)],
    priority: 200,
    template: {
      settings: {
        number_of_shards: 1,
        number_of_replicas: replicas,
        refresh_interval: '1s',
        analysis: {
          tokenizer: { kql_terms: { type: 'pattern', pattern: '[^A-Za-z0-9]+' } },
          analyzer: { kql_terms: { type: 'custom', tokenizer: 'kql_terms', filter: ['lowercase'] } },
        },
      },
      mappings: {
        dynamic: 'strict',
        properties: {
          org_id: { type: 'keyword' },
          event_id: { type: 'long' },
          occurred_at: { type: 'date' },
          received_at: { type: 'date' },
          channel: keyword,
          source_kind: keyword,
          kind: keyword,
          category: keyword,
          action: keyword,
          outcome: keyword,
          severity: { type: 'byte' },
          severity_name: keyword,
          src_ip: address,
          src_port: { type: 'integer' },
          dst_ip: address,
          dst_port: { type: 'integer' },
          transport: keyword,
          host_name: keyword,
          user_name: keyword,
          process_name: keyword,
          process_command_line: keywordWithTerms,
          url: keywordWithTerms,
          file_name: keyword,
          file_sha256: keyword,
          file_md5: keyword,
          sensor_id: keyword,
          session_id: keyword,
          agent_id: keyword,
          device_id: keyword,
          message: keywordWithTerms,
          attributes: { type: 'flat_object' },
          raw: { type: 'object', enabled: false },
        },
      },
    },
    _meta: { managed_by: 'vigil', schema: 1 },
  };
}
