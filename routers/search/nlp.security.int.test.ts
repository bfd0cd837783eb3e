import { describe, expect, it } from 'vitest';
import { ATTACKER, seedNlpData } from '../../tests/fixtures/nlp.ts';
import { useTestServer } from '../../tests/harness.ts';
import { createTwoOrgs } from '../../tests/tenancy.ts';

const t = useTestServer();

type Body = Record<string, any>;

/** Organisation A holds the data; B asks the same questions. */
async function seeded() {
  const orgs = await createTwoOrgs(t.deps);
  const ids = await seedNlpData(t.deps, orgs.a);
  return { ...orgs, ids };
}

describe('search.nlpQuery', () => {
  it("never returns another organisation's incidents, alerts or events", async () => {
    const { a, b, ids } = await seeded();
    for (const query of ['incidents with ransomware this week', 'top attacking IPs today', `failed ssh logins from ${ATTACKER} in the last hour`]) {
      const theirs = await t.http.post<Body>('/api/nlp/query', { query }, b.admin.headers);
      expect(theirs.status, query).toBe(200);
      expect(theirs.body.findings, query).toEqual([]);
      expect(theirs.body.recommendations, query).toEqual([]);
    }
    // the unrecognised-question fallback ranks only the caller's incidents too
    expect((await t.http.post<Body>('/api/nlp/query', { query: 'encryption ransom note' }, b.admin.headers)).body.findings).toEqual([]);
    const own = await t.http.post<Body>('/api/nlp/query', { query: 'incidents with ransomware this week' }, a.admin.headers);
    expect(own.body.findings.map((row: Body) => row.IncidentId)).toEqual([ids.ransomware]);
  });
});

describe('search.nlpThreatAnalysis', () => {
  it("never analyses another organisation's incidents", async () => {
    const { b } = await seeded();
    const { status, body } = await t.http.post<Body>(
      '/api/nlp/threat-analysis',
      { query: 'incidents', analysis_type: 'ransomware', time_range_hours: 24 },
      b.admin.headers,
    );
    expect(status).toBe(200);
    expect(body.findings).toEqual([]);
  });
});

describe('search.nlpSemanticSearch', () => {
  it("never ranks another organisation's incidents, alerts or events", async () => {
    const { a, b, ids } = await seeded();
    const request = { query: 'ransomware encryption ssh brute force oracle login failed', similarity_threshold: 0.1 };
    const theirs = await t.http.post<Body>('/api/nlp/semantic-search', request, b.admin.headers);
    expect(theirs.body).toMatchObject({ similar_incidents: [], similar_alerts: [], similar_events: [], total_found: 0, returned_count: 0, avg_similarity: 0 });
    const own = await t.http.post<Body>('/api/nlp/semantic-search', request, a.admin.headers);
    expect(own.body.similar_incidents.map((hit: Body) => hit.incident.id)).toContain(ids.ransomware);
  });
});

describe('search.nlpStatus', () => {
  it('reads no tenant data: both organisations see the same status, and a caller must sign in', async () => {
    const { a, b } = await seeded();
    const [first, second] = await Promise.all([t.http.get<Body>('/api/nlp/status', a.admin.headers), t.http.get<Body>('/api/nlp/status', b.admin.headers)]);
    expect(first.body).toEqual(second.body);
    expect((await t.http.get('/api/nlp/status', {})).status).toBe(401);
  });
});
