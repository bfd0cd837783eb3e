import { router } from '../trpc.ts';
import { huntsRouter } from './hunts.router.ts';
import { nlpProcedures } from './nlp-procedures.ts';
import { runKqlProcedure, validateKqlProcedure } from './run-kql.ts';

/** KQL hunting: /search/kql and its validation. */
export const searchRouter = router({
  kql: runKqlProcedure,
  validateKql: validateKqlProcedure,
  hunts: huntsRouter,
  ...nlpProcedures,
});
