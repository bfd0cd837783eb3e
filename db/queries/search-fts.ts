import { type RawBuilder, sql } from 'kysely';
import type { Executor, OrgId } from '../../core/database.ts';

// Full-text search for semantic search (migrations/20261210013000_search_fts.ts). The query is the OR of the
// caller's words, each through plainto_tsquery('english', …) as a bound parameter; a document's similarity is its
// ts_rank_cd divided by the rank the query's own words would get as a document, capped at 1 (see similarityOf).

export type FtsQuery = { words: string[] };
export type FtsWindow = { since: Date; until: Date };

type Ranked = { rank: number; similarity: number };
export type IncidentHit = Ranked & {
  id: number;
  title: string;
  src_ip: string | null;
  reason: string | null;
  status: string;
  severity: string;
  threat_category: string | null;
  created_at: Date;
  risk_score: number;
  escalation_level: string;
};
export type AlertHit = Ranked & {
  id: number;
  title: string;
  category: string;
  severity: string;
  status: string;
  src_ip: string | null;
  incident_id: number | null;
  created_at: Date;
};
/** The lexemes PostgreSQL searches for the words (what the query "means" to the index), in order of first use. */
export async function searchLexemes(db: Executor, query: FtsQuery): Promise<string[]> {
  const { rows } = await sql<{ lexeme: string }>`
    select lexeme from unnest(to_tsvector('english', ${query.words.join(' ')})) order by positions[1]`.execute(db);
  return rows.map((row) => row.lexeme);
}

export type EventHit = Ranked & {
  id: number;
  occurred_at: Date;
  source_kind: string;
  action: string;
  src_ip: string | null;
  host_name: string | null;
  message: string;
};

function orQuery(query: FtsQuery): RawBuilder<unknown> {
  return sql.join(
    query.words.map((word) => sql`plainto_tsquery('english', ${word})`),
    sql` || `,
  );
}

/**
 * ts_rank_cd (cover density, no length normalisation) relative to the query's own words as a document: 1 when the
 * document covers the query at least as densely as the query covers itself, less for fewer or sparser matches.
 */
function similarityOf(document: RawBuilder<unknown>): RawBuilder<number> {
  return sql<number>`least(1.0, ts_rank_cd(${document}, q.query) / nullif(ts_rank_cd(q.self, q.query), 0))`;
}

function queryCte(query: FtsQuery): RawBuilder<unknown> {
  return sql`(select (${orQuery(query)}) as query, to_tsvector('english', ${query.words.join(' ')}) as self)`;
}

const INCIDENT_DOCUMENT = sql`search_incident_document(i.title, i.reason, i.description, i.threat_category, i.tags)`;
const ALERT_DOCUMENT = sql`search_alert_document(a.title, a.description, a.category, a.entity_value)`;

/** The organisation's incidents matching any word, best first, at or above `threshold`. */
export async function searchIncidents(
  db: Executor,
  orgId: OrgId,
  query: FtsQuery,
  options: { threshold: number; limit: number },
): Promise<{ hits: IncidentHit[]; total: number }> {
  const { rows } = await sql<IncidentHit & { total: string }>`
    with q as ${queryCte(query)},
    matched as (
      select i.id, i.title, host(i.src_ip) as src_ip, i.reason, i.status, i.severity, i.threat_category, i.created_at, i.risk_score,
             i.escalation_level, ts_rank_cd(${INCIDENT_DOCUMENT}, q.query) as rank, ${similarityOf(INCIDENT_DOCUMENT)} as similarity
      from incidents i, q
      where i.org_id = ${orgId} and ${INCIDENT_DOCUMENT} @@ q.query)
    select *, count(*) over () as total from matched
    where similarity >= ${options.threshold}
    order by similarity desc, rank desc, created_at desc, id desc
    limit ${options.limit}`.execute(db);
  return {
    hits: rows.map((row) => ({ ...row, id: Number(row.id), rank: Number(row.rank), similarity: Number(row.similarity) })),
    total: Number(rows[0]?.total ?? 0),
  };
}

/** The organisation's alerts matching any word, best first, at or above `threshold`. */
export async function searchAlerts(
  db: Executor,
  orgId: OrgId,
  query: FtsQuery,
  options: { threshold: number; limit: number },
): Promise<{ hits: AlertHit[]; total: number }> {
  const { rows } = await sql<AlertHit & { total: string }>`
    with q as ${queryCte(query)},
    matched as (
      select a.id, a.title, a.category, a.severity, a.status, host(a.src_ip) as src_ip, a.incident_id, a.created_at,
             ts_rank_cd(${ALERT_DOCUMENT}, q.query) as rank, ${similarityOf(ALERT_DOCUMENT)} as similarity
      from alerts a, q
      where a.org_id = ${orgId} and ${ALERT_DOCUMENT} @@ q.query)
    select *, count(*) over () as total from matched
    where similarity >= ${options.threshold}
    order by similarity desc, rank desc, created_at desc, id desc
    limit ${options.limit}`.execute(db);
  return {
    hits: rows.map((row) => ({
      ...row,
      id: Number(row.id),
      incident_id: row.incident_id === null ? null : Number(row.incident_id),
      rank: Number(row.rank),
      similarity: Number(row.similarity),
    })),
    total: Number(rows[0]?.total ?? 0),
  };
}

/**
 * Events have no text index (partitioned, hot): the newest `scanLimit` events of the window are read through the
 * (org_id, occurred_at) index and their messages matched, so the cost is bounded whatever the window holds.
 */
export async function searchEvents(
  db: Executor,
  orgId: OrgId,
  query: FtsQuery,
  options: { threshold: number; limit: number; window: FtsWindow; scanLimit: number },
): Promise<{ hits: EventHit[]; total: number }> {
  const document = sql`to_tsvector('english', coalesce(e.message, '') || ' ' || coalesce(e.process_command_line, '') || ' ' || coalesce(e.url, ''))`;
  const { rows } = await sql<EventHit & { total: string }>`
    with q as ${queryCte(query)},
    recent as (
      select * from events
      where org_id = ${orgId} and occurred_at >= ${options.window.since} and occurred_at <= ${options.window.until}
      order by occurred_at desc
      limit ${options.scanLimit}),
    matched as (
      select e.id, e.occurred_at, e.source_kind, e.action, host(e.src_ip) as src_ip, e.host_name, coalesce(e.message, '') as message,
             ts_rank_cd(${document}, q.query) as rank, ${similarityOf(document)} as similarity
      from recent e, q
      where ${document} @@ q.query)
    select *, count(*) over () as total from matched
    where similarity >= ${options.threshold}
    order by similarity desc, rank desc, occurred_at desc
    limit ${options.limit}`.execute(db);
  return {
    hits: rows.map((row) => ({ ...row, id: Number(row.id), rank: Number(row.rank), similarity: Number(row.similarity) })),
    total: Number(rows[0]?.total ?? 0),
  };
}
