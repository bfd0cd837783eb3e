import { describe, expect, it } from 'vitest';
import { createTestOrg } from '../fixtures/identity.ts';
import { useTestServer } from '../harness.ts';

const t = useTestServer();

const command = (timestamp: string, session: string, extra: Record<string, unknown> = {}) => ({
  eventid: 'cowrie.command.input',
  timestamp,
  src_ip: '198.51.100.41',
  session,
  input: 'id',
  ...extra,
});

describe('POST /ingest/multi with poison event times', () => {
  it('stores the good records and rejects the far-future one by index: no 500, no failed batch', async () => {
    const org = await createTestOrg(t.deps);
    const events = [
      command('0050-06-01T12:00:00Z', 'year-0050'),
      command('9999-12-30T12:00:00Z', 'year-9999'),
      command(new Date(Date.now() - 60_000).toISOString(), 'normal', { id: 'x'.repeat(4000) }),
    ];
    const response = await t.http.post('/ingest/multi', { source_type: 'cowrie', events }, org.admin.headers);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ received: 3, stored: 2, rejected: [{ index: 1, reason: 'timestamp_in_future' }] });
    const rows = await t.deps.db.selectFrom('events').select('session_id').where('org_id', '=', org.orgId).orderBy('session_id').execute();
    expect(rows.map((row) => row.session_id)).toEqual(['normal', 'year-0050']);
  });
});
