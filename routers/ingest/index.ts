import { router } from '../../server/trpc.ts';

/** Honeypot and multi-source ingest (/ingest/cowrie, /ingest/multi, /ingest/synthetic) and device credentials. */
export const ingestRouter = router({});
