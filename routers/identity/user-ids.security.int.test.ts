import { beforeAll, describe, expect, it } from 'vitest';
import { reportedAlertId } from '../../tests/fixtures/alerts.ts';
import type { TestOrg } from '../../tests/fixtures/identity.ts';
import { useTestServer } from '../../tests/harness.ts';
import { createTwoOrgs } from '../../tests/tenancy.ts';

// Integer user ids are global numbers, so B can name A's users by guessing: every place that takes a
// user id must treat A's user as no user at all.

const t = useTestServer();
let a: TestOrg;
let b: TestOrg;
const MISSING_USER = 987_654_321;

beforeAll(async () => {
  ({ a, b } = await createTwoOrgs(t.deps));
});

describe('users.update', () => {
  it("answers 404 for another organisation's user named by integer id, word for word as for a missing one", async () => {
    const theirs = await t.http.patch(`/users/${a.admin.publicId}`, { full_name: 'Hijacked' }, b.admin.headers);
    const missing = await t.http.patch(`/users/${MISSING_USER}`, { full_name: 'Hijacked' }, b.admin.headers);
    expect(theirs.status).toBe(404);
    expect(theirs.body.detail.replace(String(a.admin.publicId), 'ID')).toBe(missing.body.detail.replace(String(MISSING_USER), 'ID'));
    const row = await t.deps.db.selectFrom('users').select('full_name').where('id', '=', a.admin.id).executeTakeFirstOrThrow();
    expect(row.full_name).toBe('Test admin');
  });
});

describe('alerts.escalate', () => {
  it("refuses another organisation's user as escalated_to, by integer id", async () => {
    const alertId = await reportedAlertId(t.http, b);
    const response = await t.http.post(`/alerts/${alertId}/escalate`, { escalated_to: a.admin.publicId }, b.admin.headers);
    expect(response.status).toBe(400);
    expect(response.body.issues.map((issue: { path: string }) => issue.path)).toEqual(['escalated_to']);
  });
});

describe('alerts.update', () => {
  it("refuses another organisation's user as assigned_to, by integer id", async () => {
    const alertId = await reportedAlertId(t.http, b, { title: 'Another phish' });
    const response = await t.http.patch(`/alerts/${alertId}`, { assigned_to: a.admin.publicId }, b.admin.headers);
    expect(response.status).toBe(400);
    expect((await t.http.get(`/alerts/${alertId}`, b.admin.headers)).body.assigned_to).toBeNull();
  });
});

describe('alerts.list', () => {
  it("lists nothing for another organisation's user as assigned_to", async () => {
    const response = await t.http.get(`/alerts?assigned_to=${a.admin.publicId}`, b.admin.headers);
    expect(response.body).toEqual([]);
    expect(response.headers.get('x-total-count')).toBe('0');
  });
});

describe('incidents.update', () => {
  it("refuses another organisation's user as assigned_to, by integer id", async () => {
    const created = await t.http.post('/incidents', { title: 'B only' }, b.admin.headers);
    const response = await t.http.patch(`/incidents/${created.body.id}`, { assigned_to: a.admin.publicId }, b.admin.headers);
    expect(response.status).toBe(400);
    expect(response.body.issues.map((issue: { path: string }) => issue.path)).toEqual(['assigned_to']);
  });
});

describe('incidents.list', () => {
  it("lists nothing for another organisation's user as assigned_to", async () => {
    await t.http.post('/incidents', { title: 'A assigned', assigned_to: a.admin.publicId }, a.admin.headers);
    const response = await t.http.get(`/incidents?assigned_to=${a.admin.publicId}`, b.admin.headers);
    expect(response.body).toEqual([]);
    expect(response.headers.get('x-total-count')).toBe('0');
  });
});
