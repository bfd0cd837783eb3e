import type { OrgServiceContext } from '../../core/context.ts';
import { type AgentLabel, findAgentLabels } from '../../db/repos/agents.repo.ts';

/** The agents (by internal id) that posted some of these events, with their names and integer ids. */
export async function agentLabelsOf(ctx: OrgServiceContext, rows: readonly { agent_id: string | null }[]): Promise<Map<string, AgentLabel>> {
  const ids = [...new Set(rows.flatMap((row) => (row.agent_id === null ? [] : [row.agent_id])))];
  const labels = await findAgentLabels(ctx.deps.db, ctx.orgId, ids);
  return new Map(labels.map((label) => [label.id, label]));
}
