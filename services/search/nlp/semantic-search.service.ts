import type { OrgServiceContext } from '../../../core/context.ts';
import { searchAlerts, searchEvents, searchIncidents, searchLexemes } from '../../../db/queries/search-fts.ts';
import { tokenize } from '../../../engines/kql/nl/index.ts';
import type { SemanticSearchRequest, SemanticSearchResponse } from './nlp.dto.ts';

const MAX_WORDS = 32;
const EVENTS_WINDOW_HOURS = 24;
/** Events are matched among at most this many of the newest in the window (they have no text index). */
const EVENTS_SCAN_LIMIT = 5000;

const NORMALISATION =
  "similarity_score = min(1, ts_rank_cd(document, query) / ts_rank_cd(the query's own words as a document, query)): the query is the OR of the words " +
  '(plainto_tsquery per word, english stemming); 1 means the document covers the words at least as densely as the question does, ' +
  'a document holding one of three words once scores about 0.33. ts_rank_cd is cover density without corpus statistics (no IDF), so this is BM25-like, not BM25.';

/** The distinct words of a question (lower-cased, punctuation around them removed), at most 32. */
export function wordsOf(question: string): string[] {
  const words = new Set<string>();
  for (const token of tokenize(question)) {
    for (const word of token.lower.split(' ')) if (word.length > 0 && words.size < MAX_WORDS) words.add(word);
  }
  return [...words];
}

type RankedIncident = SemanticSearchResponse['similar_incidents'][number];

/** The organisation's incidents ranked by full-text relevance to the words. */
export async function rankIncidents(
  ctx: OrgServiceContext,
  words: string[],
  options: { threshold: number; limit: number },
): Promise<{ hits: RankedIncident[]; total: number }> {
  const found = await searchIncidents(ctx.deps.db, ctx.orgId, { words }, options);
  return {
    total: found.total,
    hits: found.hits.map((hit) => ({
      incident: {
        id: hit.id,
        src_ip: hit.src_ip,
        reason: hit.reason,
        status: hit.status,
        created_at: new Date(hit.created_at).toISOString(),
        risk_score: Number(hit.risk_score),
        escalation_level: hit.escalation_level,
        title: hit.title,
        severity: hit.severity,
        threat_category: hit.threat_category,
      },
      similarity_score: round(hit.similarity),
      rank: hit.rank,
    })),
  };
}

const round = (value: number) => Math.round(value * 10_000) / 10_000;

/** POST /api/nlp/semantic-search: incidents (and alerts, recent events) ranked by PostgreSQL full-text relevance. */
export async function semanticSearch(ctx: OrgServiceContext, input: SemanticSearchRequest): Promise<SemanticSearchResponse> {
  const words = wordsOf(input.query);
  const options = { threshold: input.similarity_threshold, limit: input.max_results };
  const until = new Date();
  const window = { since: new Date(until.getTime() - EVENTS_WINDOW_HOURS * 3_600_000), until };
  const [features, incidents, alerts, events] = await Promise.all([
    searchLexemes(ctx.deps.db, { words }),
    rankIncidents(ctx, words, options),
    searchAlerts(ctx.deps.db, ctx.orgId, { words }, options),
    searchEvents(ctx.deps.db, ctx.orgId, { words }, { ...options, window, scanLimit: EVENTS_SCAN_LIMIT }),
  ]);
  const scores = incidents.hits.map((hit) => hit.similarity_score);
  const understanding =
    features.length === 0
      ? 'No searchable terms: every word is a stop word'
      : `Incidents, alerts and the last ${EVENTS_WINDOW_HOURS} hours of events containing any of: ${features.join(', ')}`;
  return {
    success: true,
    query: input.query,
    similarity_threshold: input.similarity_threshold,
    similar_incidents: incidents.hits,
    similar_alerts: alerts.hits.map((hit) => ({
      alert: {
        id: hit.id,
        title: hit.title,
        category: hit.category,
        severity: hit.severity,
        status: hit.status,
        src_ip: hit.src_ip,
        incident_id: hit.incident_id,
        created_at: new Date(hit.created_at).toISOString(),
      },
      similarity_score: round(hit.similarity),
      rank: hit.rank,
    })),
    similar_events: events.hits.map((hit) => ({
      event: {
        id: hit.id,
        occurred_at: new Date(hit.occurred_at).toISOString(),
        source_kind: hit.source_kind,
        action: hit.action,
        src_ip: hit.src_ip,
        host_name: hit.host_name,
        message: hit.message,
      },
      similarity_score: round(hit.similarity),
      rank: hit.rank,
    })),
    total_found: incidents.total,
    returned_count: incidents.hits.length,
    avg_similarity: scores.length === 0 ? 0 : round(scores.reduce((a, b) => a + b, 0) / scores.length),
    query_understanding: understanding,
    semantic_features: features,
    search_metadata: {
      method: 'postgresql_full_text',
      text_search_config: 'english',
      ranking: 'ts_rank_cd',
      normalisation: NORMALISATION,
      threshold_applied_to: 'similarity_score',
      embeddings_used: false,
      incident_fields: ['title', 'reason', 'description', 'threat_category', 'tags'],
      alert_fields: ['title', 'description', 'category', 'entity_value'],
      event_fields: ['message', 'process_command_line', 'url'],
      events_window: { start: window.since.toISOString(), end: window.until.toISOString(), scan_limit: EVENTS_SCAN_LIMIT },
      alerts_found: alerts.total,
      events_found: events.total,
    },
  };
}
