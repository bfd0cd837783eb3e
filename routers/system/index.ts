import { router } from '../trpc.ts';
import { getHealthProcedure } from './get-health.ts';
import { getLivenessProcedure } from './get-liveness.ts';
import { getReadinessProcedure } from './get-readiness.ts';
import { getRootProcedure } from './get-root.ts';

export const systemRouter = router({
  root: getRootProcedure,
  liveness: getLivenessProcedure,
  readiness: getReadinessProcedure,
  health: getHealthProcedure,
});
