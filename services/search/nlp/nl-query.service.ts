import type { OrgServiceContext } from '../../../core/context.ts';
import { type NlTable, type NlTranslation, translateQuestion } from '../../../engines/kql/nl/index.ts';
import { runKqlQuery } from '../run-kql.service.ts';
import { describeTranslation, priorityOf, QUERY_TYPES } from './describe-translation.ts';
import { explainRows } from './findings.ts';
import type { NlQueryRequest, NlQueryResponse, ThreatAnalysisRequest, ThreatAnalysisResponse } from './nlp.dto.ts';
import { rankIncidents, wordsOf } from './semantic-search.service.ts';

const HOUR_MS = 3_600_000;
/** The window searched when the question names no time: a day of events, a month of alerts and incidents. */
const DEFAULT_WINDOW_HOURS: Readonly<Record<NlTable, number>> = { Events: 24, NetworkEvents: 24, Alerts: 720, Incidents: 720 };
/** Full-text matches shown when nothing in a question was understood (similarity 0–1, see semantic search). */
const FALLBACK_THRESHOLD = 0.3;

type Window = { start: Date; end: Date };
type QuestionOptions = { maxResults: number; includeContext: boolean; semanticSearch: boolean; bound?: Window };

/** The question's own range, else the table's default, clipped to `bound` when the caller gave one. */
function windowFor(translation: NlTranslation, now: Date, bound: Window | undefined): { window: Window; defaulted: boolean } {
  const own = translation.time_range ? { start: new Date(translation.time_range.start), end: new Date(translation.time_range.end) } : null;
  const hours = DEFAULT_WINDOW_HOURS[translation.understanding.filters.table];
  const base = own ?? bound ?? { start: new Date(now.getTime() - hours * HOUR_MS), end: now };
  if (!bound) return { window: base, defaulted: own === null };
  const end = new Date(Math.min(base.end.getTime(), bound.end.getTime()));
  const start = new Date(Math.min(Math.max(base.start.getTime(), bound.start.getTime()), end.getTime()));
  return { window: { start, end }, defaulted: false };
}

function structuredQuery(translation: NlTranslation): NlQueryResponse['structured_query'] {
  const { intent, entities, time_constraints, threat_categories, filters } = translation.understanding;
  return {
    query_type: QUERY_TYPES[intent],
    intent,
    entities: {
      ips: [...entities.ips.map((ip) => ip.value), ...entities.cidrs.map((cidr) => cidr.value)],
      domains: entities.domains,
      hashes: entities.hashes.map((hash) => hash.value),
      urls: entities.urls,
      attack_types: threat_categories,
      countries: [],
      users: entities.users,
      hosts: entities.hosts,
      ports: entities.ports,
      files: entities.files,
    },
    time_constraints,
    threat_categories,
    priority: priorityOf(translation),
    filters: { ...filters },
  };
}

function notes(translation: NlTranslation): string {
  const unused = translation.unrecognised.length > 0 ? ` Words not used: ${translation.unrecognised.join(', ')}.` : '';
  const ignored = translation.ignored.length > 0 ? ` Not applied: ${translation.ignored.join('; ')}.` : '';
  return unused + ignored;
}

/** Nothing understood: no KQL runs; with semantic_search, incidents are ranked by full-text relevance instead. */
async function unrecognisedQuestion(
  ctx: OrgServiceContext,
  question: string,
  translation: NlTranslation,
  options: QuestionOptions,
  translationMs: number,
): Promise<NlQueryResponse> {
  const started = performance.now();
  const words = wordsOf(question);
  const ranked =
    options.semanticSearch && words.length > 0 ? await rankIncidents(ctx, words, { threshold: FALLBACK_THRESHOLD, limit: options.maxResults }) : null;
  const findings = ranked?.hits.map((hit) => ({ ...hit.incident, similarity_score: hit.similarity_score })) ?? [];
  const reasoning =
    'Nothing in the question was recognised as a subject, filter, indicator or time, so no KQL ran.' +
    (ranked === null
      ? ''
      : findings.length > 0
        ? ` Full-text search over incidents found ${findings.length} with a similarity of at least ${FALLBACK_THRESHOLD}.`
        : ' Full-text search over incidents found nothing either.') +
    notes(translation);
  return {
    success: true,
    query: question,
    query_understanding: describeTranslation(translation),
    structured_query: structuredQuery(translation),
    kql: '',
    kql_result: null,
    findings,
    findings_source: findings.length > 0 ? 'full_text' : 'none',
    recommendations: [],
    confidence_score: 0,
    reasoning,
    follow_up_questions: [],
    unrecognised: translation.unrecognised,
    ignored: translation.ignored,
    processing_stats: {
      translator: 'deterministic',
      llm_used: false,
      translation_ms: translationMs,
      query_ms: performance.now() - started,
      rows_returned: findings.length,
      total_rows: ranked?.total ?? 0,
    },
  };
}

/** Translates the question, runs its KQL over the organisation's data and explains what came back. */
async function answerQuestion(ctx: OrgServiceContext, question: string, options: QuestionOptions): Promise<NlQueryResponse> {
  const now = new Date();
  const started = performance.now();
  const translation = translateQuestion(question, { now, limit: options.maxResults });
  const translationMs = performance.now() - started;
  if (translation.confidence === 0) return unrecognisedQuestion(ctx, question, translation, options, translationMs);

  const { window, defaulted } = windowFor(translation, now, options.bound);
  const result = await runKqlQuery(ctx, { query: translation.kql, limit: options.maxResults, startTime: window.start, endTime: window.end, audit: true });
  const rows = result.hits.slice(0, options.maxResults);
  const explanation = explainRows(translation, rows, result.truncated);
  const table = translation.understanding.filters.table;
  const more = result.truncated ? ' (more rows exist)' : '';
  const found =
    rows.length === 0
      ? ` Nothing matched between ${result.start_time} and ${result.end_time}.`
      : ` It returned ${rows.length} row${rows.length === 1 ? '' : 's'}${more} between ${result.start_time} and ${result.end_time}.`;
  const defaultNote = defaulted ? ` The question names no time, so the last ${DEFAULT_WINDOW_HOURS[table]} hours of ${table} were searched.` : '';
  const { hits: _hits, query: _query, ...context } = result;
  return {
    success: true,
    query: question,
    query_understanding: describeTranslation(translation),
    structured_query: structuredQuery(translation),
    kql: translation.kql,
    kql_result: options.includeContext ? context : null,
    findings: rows,
    findings_source: rows.length > 0 ? 'kql' : 'none',
    recommendations: explanation.recommendations,
    confidence_score: translation.confidence,
    reasoning: `Translated the question into KQL over ${table} (intent ${translation.understanding.intent}).${found}${defaultNote}${notes(translation)}`,
    follow_up_questions: explanation.followUps,
    unrecognised: translation.unrecognised,
    ignored: translation.ignored,
    processing_stats: {
      translator: 'deterministic',
      llm_used: false,
      translation_ms: translationMs,
      query_ms: result.took_ms,
      rows_returned: rows.length,
      total_rows: result.total,
    },
  };
}

/** POST /api/nlp/query. */
export function answerNlQuery(ctx: OrgServiceContext, input: NlQueryRequest): Promise<NlQueryResponse> {
  return answerQuestion(ctx, input.query, { maxResults: input.max_results, includeContext: input.include_context, semanticSearch: input.semantic_search });
}

/** POST /api/nlp/threat-analysis: the same engine, bounded to the last `time_range_hours`, with analysis_type as a focus. */
export async function analyseThreat(ctx: OrgServiceContext, input: ThreatAnalysisRequest): Promise<ThreatAnalysisResponse> {
  const end = new Date();
  const bound = { start: new Date(end.getTime() - input.time_range_hours * HOUR_MS), end };
  const focus = input.analysis_type?.replaceAll('_', ' ');
  const question = focus ? `${input.query} ${focus}` : input.query;
  const answer = await answerQuestion(ctx, question, { maxResults: 10, includeContext: true, semanticSearch: true, bound });
  const focusWords = focus ? focus.toLowerCase().split(' ') : [];
  const unused = new Set(answer.unrecognised.map((word) => word.toLowerCase()));
  return {
    ...answer,
    query: input.query,
    analysis_type: input.analysis_type ?? null,
    time_range_hours: input.time_range_hours,
    analysis_metadata: {
      window_start: bound.start.toISOString(),
      window_end: bound.end.toISOString(),
      focus_applied: focusWords.length > 0 && answer.confidence_score > 0 && focusWords.every((word) => !unused.has(word)),
    },
  };
}
