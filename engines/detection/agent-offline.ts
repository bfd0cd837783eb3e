import type { Detection } from './types.ts';

export type AgentSilence = { id: string; name: string; lastContactAt: Date; heartbeatIntervalSeconds: number };

/** An agent is offline once it has been silent for this many heartbeat intervals. */
export const OFFLINE_AFTER_INTERVALS = 3;

/**
 * Agent offline: time-based, not event-based — an enrolled agent silent for longer than 3 × its
 * heartbeat interval. Attackers stop endpoint agents (ATT&CK T1562.001), so silence is a signal.
 */
export function agentOfflineDetection(agent: AgentSilence, now: Date): Detection | null {
  const silentSeconds = Math.floor((now.getTime() - agent.lastContactAt.getTime()) / 1000);
  const threshold = agent.heartbeatIntervalSeconds * OFFLINE_AFTER_INTERVALS;
  if (silentSeconds <= threshold) return null;
  return {
    detector: 'agent_offline',
    detectorVersion: 1,
    title: `Agent ${agent.name} offline`,
    description: `Agent ${agent.name} has sent no heartbeat for ${silentSeconds} s (threshold ${threshold} s = ${OFFLINE_AFTER_INTERVALS} × its ${agent.heartbeatIntervalSeconds} s interval).`,
    category: 'agent_health',
    severity: 'medium',
    entity: { type: 'host', value: agent.name },
    mitre: ['T1562.001'],
    evidence: [{ name: 'seconds since the last heartbeat', observed: silentSeconds, threshold, weight: 1 }],
    eventIds: [],
    windowStart: agent.lastContactAt,
    windowEnd: now,
    fingerprintKey: `agent_offline|${agent.id}`,
  };
}
