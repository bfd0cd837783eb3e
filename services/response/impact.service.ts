import { z } from 'zod';
import type { OrgServiceContext } from '../../core/context.ts';
import { actionImpact, workflowOutcomes } from '../../db/queries/response.ts';

const BLOCKING = ['block_ip', 'isolate_host', 'block_url', 'block_sender', 'disable_account'];

export const ZImpactMetrics = z.object({
  summary: z.object({
    total_attacks_blocked: z.number().int().describe('Blocking actions the enforcement points confirmed'),
    total_false_positives: z.number().int().describe('Actions on incidents later closed as false positives'),
    average_response_time_ms: z.number().describe('Mean time from request to confirmed completion'),
    average_success_rate: z.number().describe('Completed / (completed + failed + unsupported), 0–1'),
    metrics_count: z.number().int().describe('Actions counted'),
  }),
  detailed_metrics: z.array(
    z.object({
      action_type: z.string(),
      requested: z.number().int(),
      completed: z.number().int(),
      failed: z.number().int(),
      unsupported: z.number().int(),
      false_positives: z.number().int(),
      average_response_time_ms: z.number().nullable(),
    }),
  ),
  workflows: z.record(z.string(), z.number().int()).describe('Workflows by status in the window'),
  since: z.string(),
});

/** Mini-XDR's impact metrics, computed from the stored outcomes and transitions, never estimated. */
export async function responseImpact(
  ctx: OrgServiceContext,
  filter: { daysBack: number; incidentId?: number | undefined; workflowRef?: string | undefined },
): Promise<z.infer<typeof ZImpactMetrics>> {
  const since = new Date(Date.now() - filter.daysBack * 86_400_000);
  const [rows, workflows] = await Promise.all([
    actionImpact(ctx.deps.db, ctx.orgId, { since, incidentId: filter.incidentId, workflowRef: filter.workflowRef }),
    workflowOutcomes(ctx.deps.db, ctx.orgId, since),
  ]);
  const sum = (pick: (row: (typeof rows)[number]) => number) => rows.reduce((total, row) => total + pick(row), 0);
  const finished = sum((row) => row.completed + row.failed + row.unsupported);
  const timed = rows.filter((row) => row.avg_response_ms !== null && row.completed > 0);
  const weighted = timed.reduce((total, row) => total + (row.avg_response_ms ?? 0) * row.completed, 0);
  const timedCount = timed.reduce((total, row) => total + row.completed, 0);
  return {
    summary: {
      total_attacks_blocked: sum((row) => (BLOCKING.includes(row.action_type) ? row.completed : 0)),
      total_false_positives: sum((row) => row.false_positive),
      average_response_time_ms: timedCount === 0 ? 0 : Math.round(weighted / timedCount),
      average_success_rate: finished === 0 ? 0 : sum((row) => row.completed) / finished,
      metrics_count: sum((row) => row.requested),
    },
    detailed_metrics: rows.map((row) => ({
      action_type: row.action_type,
      requested: row.requested,
      completed: row.completed,
      failed: row.failed,
      unsupported: row.unsupported,
      false_positives: row.false_positive,
      average_response_time_ms: row.avg_response_ms === null ? null : Math.round(row.avg_response_ms),
    })),
    workflows: Object.fromEntries(workflows.map((row) => [row.status, row.n])),
    since: since.toISOString(),
  };
}
