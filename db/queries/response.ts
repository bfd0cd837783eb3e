import { sql } from 'kysely';
import type { Executor, OrgId } from '../../core/database.ts';

export type ImpactFilter = { since: Date; incidentId?: number | undefined; workflowRef?: string | undefined };

export type ActionImpactRow = {
  action_type: string;
  requested: number;
  completed: number;
  failed: number;
  unsupported: number;
  false_positive: number;
  avg_response_ms: number | null;
};

/**
 * Real outcomes per action type since a time: how many were asked for, enforced, failed or could not act,
 * how many acted on incidents later dismissed as false positives, and the mean time from request to
 * completion read from the stored transitions. Dry runs and tracked manual tasks are left out.
 */
export async function actionImpact(db: Executor, orgId: OrgId, filter: ImpactFilter): Promise<ActionImpactRow[]> {
  const result = await sql<ActionImpactRow>`
    select a.action_type,
           count(*)::int as requested,
           count(*) filter (where a.status in ('completed', 'reverted', 'expired'))::int as completed,
           count(*) filter (where a.status = 'failed')::int as failed,
           count(*) filter (where a.status = 'unsupported')::int as unsupported,
           count(*) filter (where i.status = 'false_positive')::int as false_positive,
           (avg(extract(epoch from done.at - a.created_at)) * 1000)::float8 as avg_response_ms
      from response_actions a
      left join incidents i on i.org_id = a.org_id and i.id = a.incident_id
      left join lateral (
        select t.at from response_action_transitions t
         where t.org_id = a.org_id and t.action_id = a.id and t.to_status = 'completed'
         order by t.id limit 1
      ) done on true
     where a.org_id = ${orgId}
       and a.created_at >= ${filter.since}
       and a.executable and not a.dry_run
       ${filter.incidentId !== undefined ? sql`and a.incident_id = ${filter.incidentId}` : sql``}
       ${
         filter.workflowRef !== undefined
           ? sql`and a.id in (select s.response_action_id from workflow_steps s join response_workflows w on w.org_id = s.org_id and w.id = s.workflow_id
                               where w.org_id = ${orgId} and (w.workflow_id = ${filter.workflowRef} or w.id::text = ${filter.workflowRef}))`
           : sql``
       }
     group by a.action_type
     order by a.action_type`.execute(db);
  return result.rows;
}

export async function workflowOutcomes(db: Executor, orgId: OrgId, since: Date): Promise<{ status: string; n: number }[]> {
  const result = await sql<{ status: string; n: number }>`
    select status, count(*)::int as n from response_workflows where org_id = ${orgId} and created_at >= ${since} group by status order by status`.execute(db);
  return result.rows;
}
