import { router } from '../../server/trpc.ts';

/** Endpoint agents: enrolment, heartbeats, agent events (/events) and telemetry status. */
export const agentsRouter = router({});
