import { router } from '../trpc.ts';
import { createEnrollmentKeyProcedure } from './create-enrollment-key.ts';
import { enrollAgentProcedure } from './enroll-agent.ts';
import { getAgentProcedure } from './get-agent.ts';
import { getTelemetryStatusProcedure } from './get-telemetry-status.ts';
import { listAgentsProcedure } from './list-agents.ts';
import { listEnrollmentKeysProcedure } from './list-enrollment-keys.ts';
import { listEventsProcedure } from './list-events.ts';
import { listSourcesProcedure } from './list-sources.ts';
import { postEventsProcedure } from './post-events.ts';
import { recordHeartbeatProcedure } from './record-heartbeat.ts';
import { recordOwnHeartbeatProcedure } from './record-own-heartbeat.ts';
import { revokeAgentProcedure } from './revoke-agent.ts';
import { revokeEnrollmentKeyProcedure } from './revoke-enrollment-key.ts';

/** Endpoint agents: enrolment, heartbeats, agent events (/events) and telemetry status. Static paths first. */
export const agentsRouter = router({
  createEnrollmentKey: createEnrollmentKeyProcedure,
  listEnrollmentKeys: listEnrollmentKeysProcedure,
  revokeEnrollmentKey: revokeEnrollmentKeyProcedure,
  enroll: enrollAgentProcedure,
  list: listAgentsProcedure,
  get: getAgentProcedure,
  heartbeat: recordHeartbeatProcedure,
  ownHeartbeat: recordOwnHeartbeatProcedure,
  revoke: revokeAgentProcedure,
  postEvents: postEventsProcedure,
  listEvents: listEventsProcedure,
  listSources: listSourcesProcedure,
  telemetryStatus: getTelemetryStatusProcedure,
});
