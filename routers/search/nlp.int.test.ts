import { describe, expect, it } from 'vitest';
import { createTestOrg } from '../../tests/fixtures/identity.ts';
import { ATTACKER, seedNlpData } from '../../tests/fixtures/nlp.ts';
import { useTestServer } from '../../tests/harness.ts';

const t = useTestServer();

type Body = Record<string, any>;
const post = async (path: string, body: unknown, headers: Record<string, string>) =>
  (await t.http.post<Body>(path, body, headers)) as { status: number; body: Body };

async function seededOrg() {
  const org = await createTestOrg(t.deps);
  const ids = await seedNlpData(t.deps, org);
  return { org, ids };
}

describe('POST /api/nlp/query', () => {
  it('answers the failed-login question with the rows its KQL returned, and recommendations drawn from them', async () => {
    const { org } = await seededOrg();
    const { status, body } = await post('/api/nlp/query', { query: `failed ssh logins from ${ATTACKER} in the last hour`, max_results: 50 }, org.admin.headers);
    expect(status).toBe(200);
    expect(body.kql).toContain(`where SrcIp == "${ATTACKER}"`);
    expect(body.structured_query).toMatchObject({ query_type: 'threat_analysis', intent: 'failed_logins', entities: { ips: [ATTACKER], countries: [] } });
    expect(body.findings).toHaveLength(8);
    expect(body.findings.every((row: Body) => row.SrcIp === ATTACKER && row.Outcome === 'failure')).toBe(true);
    expect(body.findings_source).toBe('kql');
    expect(body.recommendations[0]).toContain(`${ATTACKER}: 8 failed logins`);
    expect(body.recommendations[0]).toContain('admin, root');
    expect(body.follow_up_questions).toContain(`successful logins from ${ATTACKER}`);
    expect(body.kql_result).toMatchObject({ total: 8, truncated: false });
    expect(body.confidence_score).toBe(1);
    expect(body.processing_stats).toMatchObject({ translator: 'deterministic', llm_used: false, rows_returned: 8 });
  });

  it('takes max_results rows in the KQL it runs', async () => {
    const { org } = await seededOrg();
    const { body } = await post('/api/nlp/query', { query: 'failed logins in the last hour', max_results: 3 }, org.admin.headers);
    expect(body.findings).toHaveLength(3);
    expect(body.kql).toMatch(/\| take 3$/);
    expect(body.reasoning).toContain('It returned 3 rows between');
  });

  it('ranks the attacking addresses of today', async () => {
    const { org } = await seededOrg();
    const { body } = await post('/api/nlp/query', { query: 'top attacking IPs today' }, org.admin.headers);
    expect(body.structured_query.query_type).toBe('pattern_recognition');
    expect(body.findings.map((row: Body) => [row.SrcIp, row.Count])).toEqual([
      [ATTACKER, 2],
      ['192.0.2.50', 1],
    ]);
    expect(body.recommendations[0]).toContain(`${ATTACKER} leads with 2 alerts`);
  });

  it('applies the threat category: only the ransomware incident comes back', async () => {
    const { org, ids } = await seededOrg();
    const { body } = await post('/api/nlp/query', { query: 'incidents with ransomware this week' }, org.admin.headers);
    expect(body.findings.map((row: Body) => row.IncidentId)).toEqual([ids.ransomware]);
    expect(body.structured_query.entities.attack_types).toEqual(['ransomware']);
    expect(body.structured_query.priority).toBe('high');
    expect(body.recommendations[0]).toContain(`Incident ${ids.ransomware} has the highest risk score (0.95`);
  });

  it('says nothing was found when nothing matched, with no recommendation', async () => {
    const { org } = await seededOrg();
    const { body } = await post('/api/nlp/query', { query: 'failed rdp logins in the last hour' }, org.admin.headers);
    expect(body.findings).toEqual([]);
    expect(body.findings_source).toBe('none');
    expect(body.recommendations).toEqual([]);
    expect(body.follow_up_questions).toEqual([]);
    expect(body.reasoning).toContain('Nothing matched');
  });

  it('runs no KQL for a question it does not understand, and ranks incidents by full-text relevance instead', async () => {
    const { org, ids } = await seededOrg();
    const { body } = await post('/api/nlp/query', { query: 'encryption ransom note' }, org.admin.headers);
    expect(body.kql).toBe('');
    expect(body.confidence_score).toBe(0);
    expect(body.findings_source).toBe('full_text');
    expect(body.findings[0]).toMatchObject({ id: ids.ransomware });
    const plain = await post('/api/nlp/query', { query: 'encryption ransom note', semantic_search: false }, org.admin.headers);
    expect(plain.body).toMatchObject({ findings: [], findings_source: 'none', kql: '' });
  });

  it('refuses max_results over 50 naming the field', async () => {
    const { org } = await seededOrg();
    const { status, body } = await post('/api/nlp/query', { query: 'critical alerts', max_results: 51 }, org.admin.headers);
    expect(status).toBe(400);
    expect(JSON.stringify(body.issues)).toContain('max_results');
  });
});

describe('POST /api/nlp/threat-analysis', () => {
  it('adds analysis_type as a focus and bounds the search to the window', async () => {
    const { org, ids } = await seededOrg();
    const { status, body } = await post(
      '/api/nlp/threat-analysis',
      { query: 'show incidents', analysis_type: 'brute_force', time_range_hours: 2 },
      org.admin.headers,
    );
    expect(status).toBe(200);
    expect(body.findings.map((row: Body) => row.IncidentId)).toEqual([ids.bruteForce]);
    expect(body).toMatchObject({ analysis_type: 'brute_force', time_range_hours: 2, analysis_metadata: { focus_applied: true } });
    expect(Date.parse(body.kql_result.end_time) - Date.parse(body.kql_result.start_time)).toBeLessThanOrEqual(2 * 3_600_000 + 1000);
  });

  it('refuses a window over 720 hours', async () => {
    const { org } = await seededOrg();
    expect((await post('/api/nlp/threat-analysis', { query: 'incidents', time_range_hours: 721 }, org.admin.headers)).status).toBe(400);
  });
});

describe('POST /api/nlp/semantic-search', () => {
  it('ranks the matching incident first and applies the threshold to similarity_score', async () => {
    const { org, ids } = await seededOrg();
    const { status, body } = await post('/api/nlp/semantic-search', { query: 'ransomware encryption', similarity_threshold: 0.7 }, org.admin.headers);
    expect(status).toBe(200);
    expect(body.similar_incidents.map((hit: Body) => hit.incident.id)).toEqual([ids.ransomware]);
    expect(body.similar_incidents[0].similarity_score).toBeGreaterThanOrEqual(0.7);
    expect(body.similar_incidents[0].incident).toMatchObject({ src_ip: '192.0.2.50', status: 'open', escalation_level: 'critical', risk_score: 0.95 });
    expect(body).toMatchObject({ total_found: 1, returned_count: 1, semantic_features: ['ransomwar', 'encrypt'] });
    // the alert names ransomware but not encryption: 0.5, under the threshold
    expect(body.similar_alerts).toEqual([]);
    expect(body.search_metadata.alerts_found).toBe(0);
    expect(body.search_metadata).toMatchObject({ method: 'postgresql_full_text', threshold_applied_to: 'similarity_score', embeddings_used: false });
  });

  it('a lower threshold admits partial matches, ranked below the full one', async () => {
    const { org, ids } = await seededOrg();
    const strict = await post('/api/nlp/semantic-search', { query: 'ssh brute force ransomware', similarity_threshold: 0.9 }, org.admin.headers);
    const loose = await post('/api/nlp/semantic-search', { query: 'ssh brute force ransomware', similarity_threshold: 0.1 }, org.admin.headers);
    const strictIds = strict.body.similar_incidents.map((hit: Body) => hit.incident.id);
    const looseIds = loose.body.similar_incidents.map((hit: Body) => hit.incident.id);
    expect(looseIds).toEqual([ids.bruteForce, ids.ransomware]);
    expect(strictIds.length).toBeLessThan(looseIds.length);
    const scores = loose.body.similar_incidents.map((hit: Body) => hit.similarity_score);
    expect(scores[0]).toBeGreaterThan(scores[1]);
    expect(loose.body.avg_similarity).toBeCloseTo((scores[0] + scores[1]) / 2, 3);
    expect(loose.body.similar_alerts.map((hit: Body) => hit.alert.title)).toContain('Ransom note dropped');
  });

  it('finds recent events by their message', async () => {
    const { org } = await seededOrg();
    const { body } = await post('/api/nlp/semantic-search', { query: 'oracle login failed', similarity_threshold: 0.5 }, org.admin.headers);
    expect(body.similar_events.length).toBeGreaterThan(0);
    expect(body.similar_events[0].event.message).toContain('oracle');
  });
});

describe('GET /api/nlp/status', () => {
  it('says no model is loaded', async () => {
    const org = await createTestOrg(t.deps);
    const { status, body } = await t.http.get<Body>('/api/nlp/status', org.admin.headers);
    expect(status).toBe(200);
    expect(body.nlp_system).toMatchObject({ translator: 'deterministic', llm_initialized: false, embeddings_available: false, model: null });
    expect(body.capabilities).toMatchObject({ embeddings: false, llm_insights: false });
  });
});
