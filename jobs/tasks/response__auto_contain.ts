import { unsafeMintOrgId } from '../../core/database.ts';
import { autoContainIncident } from '../../services/response/index.ts';
import { autoContainContract } from '../contracts.ts';
import { defineTask } from '../define-task.ts';

export const autoContainTask = defineTask(autoContainContract, async (payload, { deps }) => {
  await autoContainIncident(deps, unsafeMintOrgId(payload.orgId), payload.incidentId);
});
