import { describe, expect, it } from 'vitest';
import { createTestOrg, type TestOrg } from '../../tests/fixtures/identity.ts';
import { cowrieLogin } from '../../tests/fixtures/ingest.ts';
import { useTestServer } from '../../tests/harness.ts';

const t = useTestServer();

// Fluent Bit's http output (plugins/out_http, flb_pack_msgpack_to_json_format): every record gets the time key first,
// `date` by default, as epoch seconds in a double; Format json is one array (Content-Type application/json), json_lines
// one record per line (application/x-ndjson), json_stream the records back to back with no separator (application/json).
const DATE = 1795507200.123456;
const record = (session: string) => `{"date":${DATE},${JSON.stringify(cowrieLogin({ session })).slice(1)}`;
const asJson = (...sessions: string[]) => `[${sessions.map(record).join(',')}]`;
const asJsonLines = (...sessions: string[]) => sessions.map((session) => `${record(session)}\n`).join('');
const asJsonStream = (...sessions: string[]) => sessions.map(record).join('');

async function apiKey(org: TestOrg): Promise<string> {
  return (await t.http.post('/api/keys', { name: 'fluent-bit', role: 'analyst' }, org.admin.headers)).body.key as string;
}

/** As Fluent Bit posts: static headers only, the body as its Format writes it. */
async function forward(path: string, body: string, contentType: string, auth: Record<string, string>) {
  const response = await fetch(`${t.server.baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': contentType, 'user-agent': 'Fluent-Bit', ...auth },
    body,
  });
  return { status: response.status, body: await response.json() };
}

const stored = (org: TestOrg) =>
  t.deps.db
    .selectFrom('events')
    .select(['session_id', 'sensor_id', 'source_kind', 'channel', 'occurred_at'])
    .where('org_id', '=', org.orgId)
    .orderBy('id')
    .execute();

describe('Fluent Bit forwarders with static headers', () => {
  it('POST /ingest/cowrie: Format json with x-api-key; the Cowrie timestamp, not the forwarding time, dates the events', async () => {
    const org = await createTestOrg(t.deps);
    const response = await forward('/ingest/cowrie', asJson('fb-1', 'fb-2'), 'application/json', { 'x-api-key': await apiKey(org) });
    expect(response).toMatchObject({ status: 200, body: { received: 2, processed: 2, stored: 2, rejected: [] } });
    const rows = await stored(org);
    expect(rows.map((row) => [row.session_id, row.sensor_id, row.occurred_at.toISOString()])).toEqual([
      ['fb-1', 'cowrie-eu-1', '2026-11-24T08:00:00.000Z'],
      ['fb-2', 'cowrie-eu-1', '2026-11-24T08:00:00.000Z'],
    ]);
  });

  it('POST /ingest/multi: Format json_lines with Authorization: Bearer <API key>, no envelope (the source is recognised per record)', async () => {
    const org = await createTestOrg(t.deps);
    const response = await forward('/ingest/multi', asJsonLines('jl-1', 'jl-2'), 'application/x-ndjson', { authorization: `Bearer ${await apiKey(org)}` });
    expect(response).toMatchObject({ status: 200, body: { source_type: 'auto', received: 2, processed: 2, stored: 2 } });
    expect((await stored(org)).map((row) => [row.session_id, row.source_kind, row.channel])).toEqual([
      ['jl-1', 'cowrie', 'multi'],
      ['jl-2', 'cowrie', 'multi'],
    ]);
  });

  it.each([
    ['application/json', 'as Fluent Bit labels it'],
    ['application/x-ndjson', 'labelled as NDJSON'],
  ])('POST /ingest/multi: Format json_stream %s (%s), source_type and hostname in the URI', async (contentType) => {
    const org = await createTestOrg(t.deps);
    const path = '/ingest/multi?source_type=cowrie&hostname=tpot-1';
    const response = await forward(path, asJsonStream('js-1', 'js-2', 'js-3'), contentType, { 'x-api-key': await apiKey(org) });
    expect(response).toMatchObject({ status: 200, body: { source_type: 'cowrie', received: 3, processed: 3, stored: 3 } });
    expect((await stored(org)).map((row) => [row.session_id, row.sensor_id])).toEqual([
      ['js-1', 'tpot-1'],
      ['js-2', 'tpot-1'],
      ['js-3', 'tpot-1'],
    ]);
  });

  it('POST /ingest/multi: a json_stream flush of one record is a bare object, taken as one event', async () => {
    const org = await createTestOrg(t.deps);
    const response = await forward('/ingest/multi?hostname=tpot-2', asJsonStream('single'), 'application/json', { 'x-api-key': await apiKey(org) });
    expect(response).toMatchObject({ status: 200, body: { received: 1, stored: 1 } });
    expect((await stored(org)).map((row) => [row.session_id, row.sensor_id, row.source_kind])).toEqual([['single', 'tpot-2', 'cowrie']]);
  });

  it('`date` dates a record that has no time of its own (a T-Pot dionaea record)', async () => {
    const org = await createTestOrg(t.deps);
    const body = `[{"date":${DATE},"src_ip":"198.51.100.30","dst_port":445,"connection":{"protocol":"smbd","transport":"tcp"}}]`;
    const response = await forward('/ingest/multi?source_type=dionaea', body, 'application/json', { 'x-api-key': await apiKey(org) });
    expect(response).toMatchObject({ status: 200, body: { source_type: 'dionaea', stored: 1 } });
    const [row] = await stored(org);
    expect(row?.occurred_at.toISOString()).toBe(new Date(Math.floor(DATE * 1000)).toISOString());
  });

  it('POST /ingest/cowrie takes a user holding events:write, refuses a viewer (403) and an unknown bearer (401)', async () => {
    const org = await createTestOrg(t.deps);
    const analyst = await org.addUser('analyst');
    expect((await forward('/ingest/cowrie', asJson('user-1'), 'application/json', analyst.headers)).body).toMatchObject({ stored: 1 });
    const viewer = await org.addUser('viewer');
    expect((await forward('/ingest/cowrie', asJson('viewer-1'), 'application/json', viewer.headers)).status).toBe(403);
    const unknownKey = await forward('/ingest/cowrie', asJson('bad-1'), 'application/json', {
      authorization: 'Bearer vgl_aaaaaaaaaa_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
    });
    expect(unknownKey.status).toBe(401);
    expect((await stored(org)).map((row) => row.session_id)).toEqual(['user-1']);
  });
});
