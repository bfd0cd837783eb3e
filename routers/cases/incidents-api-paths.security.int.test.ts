import { beforeAll, describe, expect, it } from 'vitest';
import { seedIncidents } from '../../tests/fixtures/cases.ts';
import type { TestOrg } from '../../tests/fixtures/identity.ts';
import { useTestServer } from '../../tests/harness.ts';
import { createTwoOrgs, expectHidden } from '../../tests/tenancy.ts';

const t = useTestServer();
let a: TestOrg;
let b: TestOrg;
let seeded: { brute: number; scan: number };

beforeAll(async () => {
  ({ a, b } = await createTwoOrgs(t.deps));
  seeded = await seedIncidents(t, a);
});

describe('incidents.listApi', () => {
  it('answers GET /api/incidents as GET /incidents, and never with another organisation’s incidents', async () => {
    const atApi = await t.http.get('/api/incidents?limit=10', a.admin.headers);
    const documented = await t.http.get('/incidents?limit=10', a.admin.headers);
    expect(atApi.status).toBe(200);
    expect(atApi.headers.get('x-vigil-route')).toBe('/api/incidents');
    expect(atApi.body).toEqual(documented.body);
    expect(atApi.headers.get('x-total-count')).toBe('2');
    const theirs = await t.http.get('/api/incidents', b.admin.headers);
    expect(theirs.body).toEqual([]);
    expect(theirs.headers.get('x-total-count')).toBe('0');
  });
});

describe('incidents.getApi', () => {
  it('answers GET /api/incidents/{id} as GET /incidents/{id}, and 404 for another organisation’s incident', async () => {
    const atApi = await t.http.get(`/api/incidents/${seeded.brute}`, a.admin.headers);
    expect(atApi.status).toBe(200);
    expect(atApi.headers.get('x-vigil-route')).toBe('/api/incidents/{id}');
    expect(atApi.body).toEqual((await t.http.get(`/incidents/${seeded.brute}`, a.admin.headers)).body);
    await expectHidden((id) => t.http.get(`/api/incidents/${id}`, b.admin.headers), seeded.brute);
  });

  it('leaves the static /api/incidents/* paths to their own procedures', async () => {
    for (const path of ['/api/incidents/timeline', '/api/incidents/attack-paths']) {
      const response = await t.http.get(path, a.admin.headers);
      expect(response.headers.get('x-vigil-route'), path).toBe(path);
      expect(response.status, path).toBe(200);
    }
    expect((await t.http.get('/api/incidents/not-a-number', a.admin.headers)).status).toBe(400);
  });
});
