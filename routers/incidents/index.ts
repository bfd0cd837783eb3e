import { router } from '../../server/trpc.ts';

/** Incidents for both APIs, and incident analytics. Static paths before `{id}` paths. */
export const incidentsRouter = router({});
