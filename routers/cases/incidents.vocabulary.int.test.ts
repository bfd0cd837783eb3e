import { beforeAll, describe, expect, it } from 'vitest';
import { detect, failedLogin, postMulti, seedIncidents } from '../../tests/fixtures/cases.ts';
import { createTestOrg, sessionHeaders, type TestOrg } from '../../tests/fixtures/identity.ts';
import { useTestServer } from '../../tests/harness.ts';

const t = useTestServer();

type Incident = { id: number; status: string };

/** One organisation seen by both clients: EventSec's UI (a session) and Mini-XDR's (a JWT). */
let org: TestOrg;
let eventsec: Record<string, string>;
let minixdr: Record<string, string>;

beforeAll(async () => {
  org = await createTestOrg(t.deps);
  eventsec = await sessionHeaders(t.deps, org);
  minixdr = org.admin.headers;
});

async function statusOf(id: number, headers: Record<string, string>, query = ''): Promise<string> {
  const response = await t.http.get<Incident>(`/incidents/${id}${query}`, headers);
  expect(response.status).toBe(200);
  return response.body.status;
}

async function idsListed(query: string, headers: Record<string, string>): Promise<number[]> {
  const response = await t.http.get<Incident[]>(`/incidents?${query}`, headers);
  expect(response.status, query).toBe(200);
  return response.body.map((row) => row.id);
}

async function created(status: string, headers: Record<string, string>): Promise<number> {
  const response = await t.http.post<Incident>('/incidents', { title: `Case ${status}`, status }, headers);
  expect(response.status).toBe(201);
  return response.body.id;
}

describe('incident statuses in each client’s words', () => {
  it('answers an EventSec session in EventSec’s words and a Mini-XDR JWT in Mini-XDR’s, on the same incident', async () => {
    const id = await created('triage', eventsec);
    expect(await statusOf(id, eventsec)).toBe('triage');
    expect(await statusOf(id, minixdr)).toBe('investigating');

    const progressed = await t.http.patch<Incident>(`/incidents/${id}`, { status: 'in_progress' }, eventsec);
    expect(progressed.body.status).toBe('in_progress');
    const closed = await t.http.patch<Incident>(`/incidents/${id}`, { status: 'closed' }, eventsec);
    expect(closed.body.status).toBe('closed');
    expect(await statusOf(id, minixdr)).toBe('resolved');

    // Mini-XDR already reads it as resolved: asking for resolved changes nothing, EventSec still reads closed.
    const again = await t.http.patch<Incident>(`/incidents/${id}`, { status: 'resolved' }, minixdr);
    expect(again).toMatchObject({ status: 200, body: { status: 'resolved' } });
    expect(await statusOf(id, eventsec)).toBe('closed');

    const reopened = await t.http.patch<Incident>(`/incidents/${id}`, { status: 'new' }, eventsec);
    expect(reopened.body.status).toBe('new');
    expect(await statusOf(id, minixdr)).toBe('open');
  });

  it('accepts Mini-XDR’s words from EventSec callers and the other way round', async () => {
    const dismissed = await created('false_positive', eventsec);
    expect(await statusOf(dismissed, eventsec)).toBe('closed');
    expect(await statusOf(dismissed, minixdr)).toBe('false_positive');
    const triaged = await created('triage', minixdr);
    expect(await statusOf(triaged, minixdr)).toBe('investigating');
    expect(await statusOf(triaged, eventsec)).toBe('triage');
  });

  it('lets ?vocabulary= override the credential, and answers other APIs’ credentials (API keys) in Mini-XDR’s words', async () => {
    const id = await created('new', minixdr);
    expect(await statusOf(id, minixdr, '?vocabulary=eventsec')).toBe('new');
    expect(await statusOf(id, eventsec, '?vocabulary=minixdr')).toBe('open');
    const key = await t.http.post<{ key: string }>('/api/keys', { name: 'soar', role: 'analyst' }, minixdr);
    expect(await statusOf(id, { 'x-api-key': key.body.key })).toBe('open');
    expect((await t.http.get(`/incidents/${id}?vocabulary=cef`, minixdr)).status).toBe(400);
    const patched = await t.http.patch<Incident>(`/incidents/${id}?vocabulary=eventsec`, { status: 'investigating' }, minixdr);
    expect(patched.body.status).toBe('in_progress');
  });

  it('names the refused move and the allowed ones in the caller’s words', async () => {
    const id = await created('contained', eventsec);
    const refused = await t.http.patch(`/incidents/${id}`, { status: 'new' }, eventsec);
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toBe("Cannot move an incident from 'contained' to 'new'; allowed from 'contained': in_progress, resolved, closed");
    const asMinixdr = await t.http.patch(`/incidents/${id}`, { status: 'open' }, minixdr);
    expect(asMinixdr.body.detail).toBe("Cannot move an incident from 'contained' to 'open'; allowed from 'contained': investigating, resolved, false_positive");
  });
});

describe('GET /incidents?status= in either vocabulary', () => {
  it('selects every incident the caller sees with that word, and takes the other API’s words too', async () => {
    const fresh = await createTestOrg(t.deps);
    const es = await sessionHeaders(t.deps, fresh);
    const mx = fresh.admin.headers;
    const ids: Record<string, number> = {};
    for (const status of ['new', 'triage', 'in_progress', 'resolved', 'closed']) {
      ids[status] = (await t.http.post<Incident>('/incidents', { title: status, status }, es)).body.id;
    }
    ids.false_positive = (await t.http.post<Incident>('/incidents', { title: 'fp', status: 'false_positive' }, mx)).body.id;
    const sorted = (...names: string[]) => names.map((name) => ids[name]).sort((a = 0, b = 0) => b - a);

    expect(await idsListed('status=new', es)).toEqual(sorted('new'));
    expect(await idsListed('status=closed', es)).toEqual(sorted('closed', 'false_positive'));
    expect(await idsListed('status=resolved', es)).toEqual(sorted('resolved'));
    expect(await idsListed('status=triage', es)).toEqual(sorted('triage'));
    expect(await idsListed('status=investigating', es)).toEqual(sorted('triage', 'in_progress'));

    expect(await idsListed('status=open', mx)).toEqual(sorted('new'));
    expect(await idsListed('status=investigating', mx)).toEqual(sorted('triage', 'in_progress'));
    expect(await idsListed('status=resolved', mx)).toEqual(sorted('resolved', 'closed'));
    expect(await idsListed('status=false_positive', mx)).toEqual(sorted('false_positive'));
    expect(await idsListed('status=closed', mx)).toEqual(sorted('closed', 'false_positive'));
    expect(await idsListed('status=in_progress', mx)).toEqual(sorted('in_progress'));

    expect(await idsListed('status=resolved&vocabulary=minixdr', es)).toEqual(sorted('resolved', 'closed'));
    const listed = await t.http.get<Incident[]>('/incidents?status=closed', es);
    expect(listed.body.map((row) => row.status)).toEqual(['closed', 'closed']);
    expect(listed.headers.get('x-total-count')).toBe('2');
    const bad = await t.http.get('/incidents?status=done', es);
    expect(bad.status).toBe(400);
    expect(bad.body.issues.map((issue: { path: string }) => issue.path)).toContain('status');
  });
});

describe('statuses inside details, timelines and Mini-XDR’s analytics', () => {
  it('projects journal entries and the detail’s timeline, and answers Mini-XDR’s paths in its words unless asked', async () => {
    const { brute } = await seedIncidents(t, org, '203.0.113.61', '192.0.2.61');
    await t.http.patch(`/incidents/${brute}`, { status: 'triage' }, eventsec);
    await t.http.patch(`/incidents/${brute}`, { status: 'closed' }, eventsec);

    const detail = await t.http.get(`/incidents/${brute}`, eventsec);
    const changes = detail.body.timeline.filter((entry: { kind: string }) => entry.kind === 'status_changed');
    expect(changes.map((entry: { detail: object }) => entry.detail)).toEqual([
      { from: 'new', to: 'triage' },
      { from: 'triage', to: 'closed' },
    ]);
    expect(detail.body.attack_timeline.map((entry: { description: string }) => entry.description)).toContain('status changed: → closed');

    const timeline = await t.http.get(`/api/incidents/${brute}/timeline?kinds=status_changed`, eventsec);
    expect(timeline.body.entries.map((entry: { detail: object }) => entry.detail)).toEqual([
      { from: 'open', to: 'investigating' },
      { from: 'investigating', to: 'resolved' },
    ]);
    const inEventSecWords = await t.http.get(`/api/incidents/${brute}/timeline?kinds=status_changed&vocabulary=eventsec`, eventsec);
    expect(inEventSecWords.body.entries.at(-1).detail).toEqual({ from: 'triage', to: 'closed' });

    expect((await t.http.get(`/api/incidents/${brute}/threat-status`, eventsec)).body.status).toBe('resolved');
    expect((await t.http.get(`/api/incidents/${brute}/threat-status?vocabulary=eventsec`, eventsec)).body.status).toBe('closed');
    const context = await t.http.get(`/api/incidents/${brute}/context`, eventsec);
    expect(context.body).toMatchObject({ status: 'resolved', incident: { status: 'resolved' } });
    expect(context.body.context_summary).toContain('status resolved');
  });
});

describe('detection and EventSec-only statuses', () => {
  it('keeps feeding an incident in triage, and opens a new one once it is closed', async () => {
    const fresh = await createTestOrg(t.deps);
    const es = await sessionHeaders(t.deps, fresh);
    const ip = '203.0.113.62';
    const { brute } = await seedIncidents(t, fresh, ip, '192.0.2.62');
    await t.http.patch(`/incidents/${brute}`, { status: 'triage' }, es);
    await postMulti(
      t,
      fresh,
      'cowrie',
      Array.from({ length: 6 }, (_, i) => failedLogin(ip, 40 + i * 5)),
    );
    await detect(t, fresh);
    const bruteForce = async () =>
      (await t.http.get<(Incident & { threat_category: string })[]>(`/incidents?src_ip=${ip}`, es)).body.filter((row) => row.threat_category === 'brute_force');
    expect((await bruteForce()).map((row) => [row.id, row.status])).toEqual([[brute, 'triage']]);

    await t.http.patch(`/incidents/${brute}`, { status: 'closed' }, es);
    await postMulti(
      t,
      fresh,
      'cowrie',
      Array.from({ length: 6 }, (_, i) => failedLogin(ip, 400 + i * 5)),
    );
    await detect(t, fresh);
    const after = await bruteForce();
    expect(after).toHaveLength(2);
    expect(after.find((row) => row.id === brute)?.status).toBe('closed');
  });
});
