import { z } from 'zod';
import type { OrgServiceContext } from '../../core/context.ts';
import { attackFlowRows, attackTechniqueRows } from '../../db/queries/cases-analytics.ts';
import { analyticsWindow } from './analytics-window.ts';
import { buildAttackGraph } from './attack-graph.ts';

export const ATTACK_PATH_BOUNDS = { maxIncidents: 200, maxFlowRows: 2000, maxTechniqueRows: 500, maxNodes: 300, maxEdges: 600 };

export const ZAttackPaths = z.object({
  since: z.string(),
  until: z.string(),
  nodes: z.array(
    z.object({
      id: z.string().describe('ip:<addr>, entity:<name>, host:<addr>, svc:<port>/<proto> or tech:<ATT&CK id>'),
      type: z.enum(['source_ip', 'entity', 'target_host', 'service', 'technique']),
      label: z.string(),
      count: z.number().int().describe('Events (techniques: alert occurrences) through this node'),
    }),
  ),
  edges: z.array(
    z.object({
      source: z.string(),
      target: z.string(),
      type: z.enum(['connects_to', 'targets_service', 'uses_technique']),
      count: z.number().int(),
    }),
  ),
  truncated: z.boolean().describe('True when the busiest nodes/edges were kept and the rest dropped'),
});
export type AttackPathsDto = z.infer<typeof ZAttackPaths>;

/**
 * GET /api/incidents/attack-paths: a graph of who attacked what over the events of the incidents created in the
 * window (the newest 200): source IPs → target hosts → ports/services, and sources → ATT&CK techniques.
 */
export async function getAttackPaths(ctx: OrgServiceContext, input: { since?: Date | undefined; until?: Date | undefined }): Promise<AttackPathsDto> {
  const window = analyticsWindow(input, 7, 31);
  const { maxIncidents, maxFlowRows, maxTechniqueRows, maxNodes, maxEdges } = ATTACK_PATH_BOUNDS;
  const [flows, techniques] = await Promise.all([
    attackFlowRows(ctx.deps.db, ctx.orgId, window, { maxIncidents, maxRows: maxFlowRows }),
    attackTechniqueRows(ctx.deps.db, ctx.orgId, window, { maxIncidents, maxRows: maxTechniqueRows }),
  ]);
  const graph = buildAttackGraph(flows, techniques, { maxNodes, maxEdges });
  const truncated = graph.truncated || flows.length === maxFlowRows || techniques.length === maxTechniqueRows;
  return { since: window.since.toISOString(), until: window.until.toISOString(), ...graph, truncated };
}
