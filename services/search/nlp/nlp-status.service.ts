import type { ServiceContext } from '../../../core/context.ts';
import { QUERY_TYPES } from './describe-translation.ts';
import type { NlpStatus } from './nlp.dto.ts';

/** GET /api/nlp/status: what really runs. No language model or embeddings are loaded; the translator is rules. */
export function nlpStatus(ctx: ServiceContext): NlpStatus {
  return {
    success: true,
    nlp_system: {
      translator: 'deterministic',
      translator_description:
        'Rules over the words of the question (entities, time phrases, intents, categories, severities) produce KQL; the same question gives the same KQL.',
      llm_initialized: false,
      embeddings_available: false,
      model: null,
      semantic_search: 'postgresql_full_text',
      search_backend: ctx.deps.config.SEARCH_BACKEND,
    },
    capabilities: {
      natural_language_query: true,
      kql_translation: true,
      threat_analysis: true,
      semantic_search: true,
      embeddings: false,
      llm_insights: false,
      supported_tables: ['Events', 'Alerts', 'Incidents', 'NetworkEvents'],
      supported_intents: Object.keys(QUERY_TYPES),
      recognised_entities: ['ipv4', 'ipv6', 'ipv4_cidr', 'domain', 'url', 'md5', 'sha1', 'sha256', 'user', 'host', 'port', 'file'],
      time_phrases: [
        'last/past N minutes|hours|days|weeks|months',
        'last 24h',
        'today',
        'yesterday',
        'this week',
        'this month',
        'since YYYY-MM-DD',
        'since yesterday',
      ],
    },
    supported_query_types: [...new Set(Object.values(QUERY_TYPES))],
  };
}
