import { unsafeMintOrgId } from '../../core/database.ts';
import { evaluateIncidentTriggers } from '../../services/triggers/index.ts';
import { evaluateTriggersContract } from '../contracts.ts';
import { defineTask } from '../define-task.ts';

export const evaluateTriggersTask = defineTask(evaluateTriggersContract, async (payload, { deps }) => {
  await evaluateIncidentTriggers(deps, unsafeMintOrgId(payload.orgId), {
    incidentId: payload.incidentId,
    change: payload.change,
    changeKey: payload.changeKey,
  });
});
