export { HUNT_SEVERITIES, type HuntDto, type HuntRunDto, ZHunt, ZHuntDeleted, ZHuntRun, ZHuntRunOutcome, ZHuntRunPage } from './hunt.dto.ts';
export { type HuntCreateInput, type HuntPatchInput, ZHuntCreateInput, ZHuntPatchInput } from './hunt-input.ts';
export { getHunt, listHuntRunHistory, listOrgHunts, removeHunt } from './hunts.service.ts';
export { runHuntNow, runScheduledHunt } from './run-hunt.service.ts';
export { createHunt, patchHunt } from './save-hunt.service.ts';
export { scheduleDueHunts } from './schedule-hunts.service.ts';
