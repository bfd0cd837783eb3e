import { router } from '../trpc.ts';
import { devicesRouter } from './devices/index.ts';
import { ingestCowrieProcedure } from './ingest-cowrie.ts';
import { ingestMultiProcedure } from './ingest-multi.ts';
import { ingestSyntheticProcedure } from './ingest-synthetic.ts';

/** Honeypot and multi-source ingest (/ingest/cowrie, /ingest/multi, /ingest/synthetic) and device credentials (/api/devices). */
export const ingestRouter = router({
  devices: devicesRouter,
  cowrie: ingestCowrieProcedure,
  multi: ingestMultiProcedure,
  synthetic: ingestSyntheticProcedure,
});
