import { router } from '../trpc.ts';
import { getHuntProcedure, listHuntRunsProcedure, listHuntsProcedure } from './read-hunts.ts';
import { runHuntProcedure } from './run-hunt.ts';
import { createHuntProcedure, deleteHuntProcedure, updateHuntProcedure } from './write-hunts.ts';

/** Saved hunts, Vigil's own paths (no seed route): /api/hunts. */
export const huntsRouter = router({
  list: listHuntsProcedure,
  create: createHuntProcedure,
  get: getHuntProcedure,
  update: updateHuntProcedure,
  delete: deleteHuntProcedure,
  run: runHuntProcedure,
  runs: listHuntRunsProcedure,
});
