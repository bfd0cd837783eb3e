import { z } from 'zod';

// Mini-XDR's /api/nlp/* shapes (field names kept), plus what Vigil adds: the KQL that ran and its result.

const question = z.string().trim().min(1).max(1000).describe('The question in English, e.g. "failed ssh logins from 203.0.113.7 in the last hour"');

export const ZNlQueryRequest = z.object({
  query: question,
  include_context: z.boolean().default(true).describe('Include the KQL result description (columns, window, totals) in the answer'),
  max_results: z.number().int().min(1).max(50).default(10).describe('Rows to return (at most 50)'),
  semantic_search: z
    .boolean()
    .default(true)
    .describe('When nothing in the question could be translated, rank incidents by full-text relevance to it instead of returning nothing'),
});
export type NlQueryRequest = z.infer<typeof ZNlQueryRequest>;

export const ZThreatAnalysisRequest = z.object({
  query: question,
  analysis_type: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .optional()
    .describe('A focus added to the question, e.g. brute_force or ransomware (used when the translator knows the words)'),
  time_range_hours: z.number().int().min(1).max(720).default(24).describe('The window searched, in hours back from now (at most 720)'),
});
export type ThreatAnalysisRequest = z.infer<typeof ZThreatAnalysisRequest>;

export const ZSemanticSearchRequest = z.object({
  query: question,
  similarity_threshold: z
    .number()
    .min(0.1)
    .max(1)
    .default(0.7)
    .describe('Minimum similarity_score (0.1–1) a match must reach; see search_metadata.normalisation'),
  max_results: z.number().int().min(1).max(20).default(10).describe('Matches returned per kind (at most 20)'),
});
export type SemanticSearchRequest = z.infer<typeof ZSemanticSearchRequest>;

const ZEntities = z.object({
  ips: z.array(z.string()).describe('Addresses and IPv4 ranges named'),
  domains: z.array(z.string()),
  hashes: z.array(z.string()),
  urls: z.array(z.string()),
  attack_types: z.array(z.string()).describe('Threat categories named (stored category values)'),
  countries: z.array(z.string()).describe('Always empty: the translator does not recognise countries'),
  users: z.array(z.string()),
  hosts: z.array(z.string()),
  ports: z.array(z.number().int()),
  files: z.array(z.string()),
});

const ZTimeConstraint = z
  .object({ phrase: z.string(), kind: z.enum(['relative', 'calendar', 'since']), start: z.string(), end: z.string() })
  .nullable()
  .describe('The time phrase understood, null when the question has none');

export const ZStructuredQuery = z.object({
  query_type: z.enum(['incident_search', 'threat_analysis', 'pattern_recognition', 'timeline_analysis', 'ioc_extraction']),
  intent: z.string().describe("Vigil's finer intent: failed_logins, top_entities, process_search, …"),
  entities: ZEntities,
  time_constraints: ZTimeConstraint,
  threat_categories: z.array(z.string()),
  priority: z
    .enum(['low', 'medium', 'high', 'critical'])
    .describe('The highest severity asked for; high for ransomware, exfiltration and command-and-control; else medium'),
  filters: z.record(z.string(), z.unknown()).describe('Table, severities, statuses, login and process filters, keywords, aggregation and row limit'),
});

export const ZKqlResultContext = z.object({
  index: z.string(),
  took_ms: z.number(),
  total: z.number().int(),
  fields: z.array(z.string()),
  columns: z.array(z.object({ name: z.string(), type: z.string() })),
  start_time: z.string(),
  end_time: z.string(),
  truncated: z.boolean(),
});

export const ZNlQueryResponse = z.object({
  success: z.literal(true),
  query: z.string(),
  query_understanding: z.string().describe('What the question was understood to ask, in words'),
  structured_query: ZStructuredQuery,
  kql: z.string().describe('The KQL that ran (edit and run it with POST /search/kql); empty when nothing was understood'),
  kql_result: ZKqlResultContext.nullable().describe('The KQL run: window, totals, columns (null when it did not run or include_context is false)'),
  findings: z
    .array(z.record(z.string(), z.unknown()))
    .describe('The rows the KQL returned (or, when nothing was understood, incidents ranked by full-text relevance)'),
  findings_source: z.enum(['kql', 'full_text', 'none']),
  recommendations: z.array(z.string()).describe('Derived from the findings; empty when nothing was found'),
  confidence_score: z.number().min(0).max(1),
  reasoning: z.string(),
  follow_up_questions: z.array(z.string()).describe('Questions the translator understands, built from the findings'),
  unrecognised: z.array(z.string()).describe('Words of the question the query does not use'),
  ignored: z.array(z.string()).describe('Parts of the question the chosen table cannot express'),
  processing_stats: z.object({
    translator: z.literal('deterministic'),
    llm_used: z.literal(false),
    translation_ms: z.number(),
    query_ms: z.number(),
    rows_returned: z.number().int(),
    total_rows: z.number().int(),
  }),
});
export type NlQueryResponse = z.infer<typeof ZNlQueryResponse>;

export const ZThreatAnalysisResponse = ZNlQueryResponse.extend({
  analysis_type: z.string().nullable(),
  time_range_hours: z.number().int(),
  analysis_metadata: z.object({
    window_start: z.string(),
    window_end: z.string(),
    focus_applied: z.boolean().describe('Whether analysis_type was understood and shaped the query'),
  }),
});
export type ThreatAnalysisResponse = z.infer<typeof ZThreatAnalysisResponse>;

export const ZSimilarIncident = z.object({
  incident: z.object({
    id: z.number().int(),
    src_ip: z.string().nullable(),
    reason: z.string().nullable(),
    status: z.string(),
    created_at: z.string(),
    risk_score: z.number(),
    escalation_level: z.string(),
    title: z.string(),
    severity: z.string(),
    threat_category: z.string().nullable(),
  }),
  similarity_score: z.number().min(0).max(1),
  rank: z.number().describe('Raw ts_rank_cd'),
});

export const ZSemanticSearchResponse = z.object({
  success: z.literal(true),
  query: z.string(),
  similarity_threshold: z.number(),
  similar_incidents: z.array(ZSimilarIncident),
  similar_alerts: z.array(
    z.object({
      alert: z.object({
        id: z.number().int(),
        title: z.string(),
        category: z.string(),
        severity: z.string(),
        status: z.string(),
        src_ip: z.string().nullable(),
        incident_id: z.number().int().nullable(),
        created_at: z.string(),
      }),
      similarity_score: z.number(),
      rank: z.number(),
    }),
  ),
  similar_events: z.array(
    z.object({
      event: z.object({
        id: z.number().int(),
        occurred_at: z.string(),
        source_kind: z.string(),
        action: z.string(),
        src_ip: z.string().nullable(),
        host_name: z.string().nullable(),
        message: z.string(),
      }),
      similarity_score: z.number(),
      rank: z.number(),
    }),
  ),
  total_found: z.number().int().describe('Incidents at or above the threshold (before max_results)'),
  returned_count: z.number().int(),
  avg_similarity: z.number().describe('Mean similarity_score of the returned incidents (0 when none)'),
  query_understanding: z.string(),
  semantic_features: z.array(z.string()).describe('The stemmed terms searched for'),
  search_metadata: z.object({
    method: z.literal('postgresql_full_text'),
    text_search_config: z.literal('english'),
    ranking: z.string(),
    normalisation: z.string(),
    threshold_applied_to: z.literal('similarity_score'),
    embeddings_used: z.literal(false),
    incident_fields: z.array(z.string()),
    alert_fields: z.array(z.string()),
    event_fields: z.array(z.string()),
    events_window: z.object({ start: z.string(), end: z.string(), scan_limit: z.number().int() }),
    alerts_found: z.number().int(),
    events_found: z.number().int(),
  }),
});
export type SemanticSearchResponse = z.infer<typeof ZSemanticSearchResponse>;

export const ZNlpStatus = z.object({
  success: z.literal(true),
  nlp_system: z.object({
    translator: z.literal('deterministic'),
    translator_description: z.string(),
    llm_initialized: z.literal(false),
    embeddings_available: z.literal(false),
    model: z.null(),
    semantic_search: z.literal('postgresql_full_text'),
    search_backend: z.string().describe('Where the generated KQL runs (SEARCH_BACKEND)'),
  }),
  capabilities: z.object({
    natural_language_query: z.boolean(),
    kql_translation: z.boolean(),
    threat_analysis: z.boolean(),
    semantic_search: z.boolean(),
    embeddings: z.boolean(),
    llm_insights: z.boolean(),
    supported_tables: z.array(z.string()),
    supported_intents: z.array(z.string()),
    recognised_entities: z.array(z.string()),
    time_phrases: z.array(z.string()),
  }),
  supported_query_types: z.array(z.string()),
});
export type NlpStatus = z.infer<typeof ZNlpStatus>;
