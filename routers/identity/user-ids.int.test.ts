import { describe, expect, it } from 'vitest';
import { reportBody } from '../../tests/fixtures/alerts.ts';
import { createTestOrg, sessionHeaders, TEST_PASSWORD } from '../../tests/fixtures/identity.ts';
import { useTestServer } from '../../tests/harness.ts';

const t = useTestServer();

type Profile = { id: number; uuid: string; email: string };

/** What EventSec's UI does with any id it reads: `Number(id)`, which must stay a number. */
const asUi = (id: unknown) => Number(id);

describe('user ids are integers, as both seed platforms number users', () => {
  it('answers /me, /api/auth/me, /users and POST /users with integer ids and the UUID beside them', async () => {
    const org = await createTestOrg(t.deps);
    const eventsec = await sessionHeaders(t.deps, org);
    const me = await t.http.get<Profile>('/me', eventsec);
    expect(me.body).toMatchObject({ id: org.admin.publicId, uuid: org.admin.id });
    expect(Number.isSafeInteger(asUi(me.body.id))).toBe(true);
    const miniXdrMe = await t.http.get<{ user: Profile }>('/api/auth/me', org.admin.headers);
    expect(miniXdrMe.body.user).toMatchObject({ id: org.admin.publicId, uuid: org.admin.id });

    const created = await t.http.post<Profile>(
      '/users',
      { full_name: 'Ana Analyst', role: 'analyst', email: 'ana@ids.test', password: TEST_PASSWORD },
      eventsec,
    );
    expect(created.status).toBe(201);
    expect(Number.isSafeInteger(created.body.id)).toBe(true);
    expect(created.body.id).not.toBe(org.admin.publicId);
    const listed = await t.http.get<Profile[]>('/users', eventsec);
    expect(listed.body.map((user) => user.id).sort()).toEqual([org.admin.publicId, created.body.id].sort());
  });

  it('takes the integer in PATCH /users/{user_id}, keeps taking the UUID, and answers 4xx for anything else', async () => {
    const org = await createTestOrg(t.deps);
    const analyst = await org.addUser('analyst');
    const byNumber = await t.http.patch<Profile>(`/users/${analyst.publicId}`, { team: 'Blue' }, org.admin.headers);
    expect(byNumber).toMatchObject({ status: 200, body: { id: analyst.publicId, team: 'Blue' } });
    const byUuid = await t.http.patch<Profile>(`/users/${analyst.id}`, { team: 'Red' }, org.admin.headers);
    expect(byUuid).toMatchObject({ status: 200, body: { id: analyst.publicId, team: 'Red' } });
    for (const bad of ['abc', '0', '-3', '1.5', 'NaN', 'null']) {
      const response = await t.http.patch(`/users/${bad}`, { team: 'x' }, org.admin.headers);
      expect(response.status, bad).toBe(400);
      expect(response.body.issues.map((issue: { path: string }) => issue.path)).toContain('user_id');
    }
    expect((await t.http.patch('/users/987654321', { team: 'x' }, org.admin.headers)).status).toBe(404);
  });
});

describe("EventSec's UI flow with Number(id)", () => {
  it('escalates, assigns and files an incident with the integer ids /users gives, and reads integers back', async () => {
    const org = await createTestOrg(t.deps);
    const lead = await org.addUser('soc_lead');
    const eventsec = await sessionHeaders(t.deps, org);
    const me = asUi((await t.http.get<Profile>('/me', eventsec)).body.id);
    const leadId = asUi((await t.http.get<Profile[]>('/users', eventsec)).body.find((user) => user.email === lead.email)?.id);

    const alert = await t.http.post<{ id: number; assigned_to: number | null }>('/alerts', reportBody(), eventsec);
    expect(alert.body.assigned_to).toBeNull();
    const escalated = await t.http.post(`/alerts/${alert.body.id}/escalate`, { alert_id: alert.body.id, escalated_to: leadId, reason: 'phish' }, eventsec);
    expect(escalated.status).toBe(201);
    expect(escalated.body).toMatchObject({ escalated_to: leadId, escalated_by: me });
    const detail = await t.http.get(`/alerts/${alert.body.id}`, eventsec);
    expect(detail.body).toMatchObject({ assigned_to: leadId, escalations: [{ escalated_to: leadId, escalated_by: me }] });
    expect(detail.body.history.at(-1)).toMatchObject({ actor_user_id: me, changes: { assigned_to: { from: null, to: leadId } } });
    expect((await t.http.patch(`/alerts/${alert.body.id}`, { assigned_to: String(me) }, eventsec)).body.assigned_to).toBe(me);
    const mine = await t.http.get<{ id: number }[]>(`/alerts?assigned_to=${me}`, eventsec);
    expect(mine.body.map((row) => row.id)).toEqual([alert.body.id]);

    const incident = await t.http.post<{ id: number; assigned_to: number; created_by: number }>(
      '/incidents',
      { title: 'Phish', assigned_to: leadId },
      eventsec,
    );
    expect(incident.body).toMatchObject({ assigned_to: leadId, created_by: me });
    const reassigned = await t.http.patch(`/incidents/${incident.body.id}`, { assigned_to: me }, eventsec);
    expect(reassigned.body.assigned_to).toBe(me);
    expect((await t.http.get<{ id: number }[]>(`/incidents?assigned_to=${me}`, eventsec)).body.map((row) => row.id)).toEqual([incident.body.id]);
    expect((await t.http.get(`/incidents?assigned_to=${lead.id}`, eventsec)).body).toEqual([]);
    const timeline = await t.http.get(`/api/incidents/${incident.body.id}/timeline?kinds=assigned`, eventsec);
    expect(timeline.body.entries.map((entry: { detail: object; actor_user_id: number }) => [entry.detail, entry.actor_user_id])).toEqual([
      [{ from: null, to: leadId }, me],
      [{ from: leadId, to: me }, me],
    ]);
    const unknown = await t.http.post(`/alerts/${alert.body.id}/escalate`, { alert_id: alert.body.id, escalated_to: 987654321 }, eventsec);
    expect(unknown.status).toBe(400);
    expect(unknown.body.issues.map((issue: { path: string }) => issue.path)).toEqual(['escalated_to']);
  });
});
