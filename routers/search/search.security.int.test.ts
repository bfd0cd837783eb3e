import { beforeAll, describe, expect, it } from 'vitest';
import { detectorAlertId } from '../../tests/fixtures/alerts.ts';
import type { TestOrg } from '../../tests/fixtures/identity.ts';
import { seedHuntingData } from '../../tests/fixtures/search.ts';
import { useTestServer } from '../../tests/harness.ts';
import { createTwoOrgs } from '../../tests/tenancy.ts';

const t = useTestServer();
let a: TestOrg;
let b: TestOrg;

beforeAll(async () => {
  ({ a, b } = await createTwoOrgs(t.deps));
  await seedHuntingData(t.deps, a);
  await detectorAlertId(t.deps, a);
});

const WIDE = { start_time: new Date(Date.now() - 30 * 86_400_000).toISOString(), end_time: new Date(Date.now() + 86_400_000).toISOString() };

// every way a query reaches a table: plain, views, legacy names, lets, joins, unions, search, in (subquery)
const QUERIES = [
  'Events | count',
  'Alerts | count',
  'Incidents | count',
  'SecurityEvent | count',
  'NetworkEvents | count',
  'events | count',
  'alerts | count',
  'network | count',
  'union Events, Alerts, Incidents | count',
  'search "root" | count',
  'let e = Events; e | count',
  'datatable(SrcIp:string)["203.0.113.7", "203.0.113.10"] | join kind=inner (Events) on SrcIp | count',
  'datatable(SrcIp:string)["203.0.113.10"] | join kind=leftsemi (Alerts) on SrcIp | count',
  'datatable(x:string)["203.0.113.7"] | where x in ((Events | project SrcIp)) | count',
];

describe('search.kql', () => {
  it("never returns another organisation's events, alerts or incidents, whatever the query", async () => {
    for (const query of QUERIES) {
      const mine = await t.http.post('/search/kql', { query, ...WIDE }, a.admin.headers);
      expect(mine.status, query).toBe(200);
      const theirs = await t.http.post('/search/kql', { query, ...WIDE }, b.admin.headers);
      expect(theirs.status, query).toBe(200);
      expect(theirs.body.hits, query).toEqual([{ Count: 0 }]);
    }
    // the seeded organisation does see its rows through the same queries
    const events = await t.http.post('/search/kql', { query: 'Events | count', ...WIDE }, a.admin.headers);
    expect(events.body.hits[0].Count).toBeGreaterThan(0);
    const alerts = await t.http.post('/search/kql', { query: 'Alerts | count', ...WIDE }, a.admin.headers);
    expect(alerts.body.hits[0].Count).toBeGreaterThan(0);
  });

  it("returns none of another organisation's rows without a filter either", async () => {
    const response = await t.http.post('/search/kql', { query: 'union Events, Alerts | take 500', limit: 500, ...WIDE }, b.admin.headers);
    expect(response.body.hits).toEqual([]);
  });
});

describe('search.validateKql', () => {
  it('reads no data: the same answer for both organisations', async () => {
    const query = { query: 'Events | summarize count() by SrcIp' };
    const mine = await t.http.post('/search/kql/validate', query, a.admin.headers);
    const theirs = await t.http.post('/search/kql/validate', query, b.admin.headers);
    expect(theirs.body).toEqual(mine.body);
    expect(Object.keys(theirs.body)).toEqual(['valid', 'diagnostics', 'columns']);
  });
});
