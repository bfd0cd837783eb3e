import { describe, expect, it } from 'vitest';
import { orgWithAgent } from '../../../tests/fixtures/agents.ts';
import { createTestOrg } from '../../../tests/fixtures/identity.ts';
import { useTestServer } from '../../../tests/harness.ts';
import { expireOverdueEverywhere } from '../index.ts';

const t = useTestServer();

describe('expiring agent commands nobody picked up', () => {
  it('expires them without any agent polling, and fails the response action that waited on them', async () => {
    const org = await createTestOrg(t.deps);
    const lead = await org.addUser('soc_lead');
    const agent = await orgWithAgent(t.http, org, 'silent-01');
    const queued = await t.http.post('/agent/actions', { endpoint_id: agent.agentId, action_type: 'isolate' }, lead.headers);
    expect(queued.status).toBe(200);
    await t.deps.db
      .updateTable('endpoint_actions')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('id', '=', queued.body.id)
      .execute();

    expect(await expireOverdueEverywhere(t.deps)).toBeGreaterThanOrEqual(1);
    const action = await t.http.get(`/actions/${queued.body.response_action_id}`, lead.headers);
    expect(action.body.status).toBe('failed');
    expect(action.body.status_detail).toContain('expired');
    expect(await expireOverdueEverywhere(t.deps)).toBe(0);
  });
});
