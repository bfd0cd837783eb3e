import type { Database } from '../../core/database.ts';
import { markAgentOfflineAlerted } from '../../db/repos/agents.repo.ts';
import { unsafeListNewlySilentAgents } from '../../db/unsafe/silent-agents.ts';
import { agentOfflineDetection, OFFLINE_AFTER_INTERVALS } from '../../engines/detection/index.ts';
import { persistDetectionBatch } from './persist-batch.ts';

const MAX_AGENTS_PER_RUN = 1000;

/**
 * Raises one `agent_offline` alert per outage: for each agent newly silent past 3 × its heartbeat
 * interval, the alert (and its incident) is recorded and the agent marked, in one transaction.
 */
export async function raiseAgentOfflineAlerts(db: Database, now = new Date()): Promise<number> {
  const silent = await unsafeListNewlySilentAgents(db, OFFLINE_AFTER_INTERVALS, now, MAX_AGENTS_PER_RUN);
  let raised = 0;
  for (const agent of silent) {
    const detection = agentOfflineDetection(
      { id: agent.id, name: agent.name, lastContactAt: agent.last_contact_at, heartbeatIntervalSeconds: agent.heartbeat_interval_seconds },
      now,
    );
    if (!detection) continue;
    const orgId = agent.org_id;
    await db.transaction().execute(async (trx) => {
      await persistDetectionBatch(trx, orgId, [detection], new Map());
      await markAgentOfflineAlerted(trx, orgId, agent.id, now);
    });
    raised++;
  }
  return raised;
}
