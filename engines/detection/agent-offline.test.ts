import { describe, expect, it } from 'vitest';
import { agentOfflineDetection } from './agent-offline.ts';

const agent = { id: 'a1', name: 'ws-01', lastContactAt: new Date('2026-11-24T10:00:00Z'), heartbeatIntervalSeconds: 60 };

describe('agentOfflineDetection', () => {
  it('stays quiet up to three intervals of silence', () => {
    expect(agentOfflineDetection(agent, new Date('2026-11-24T10:03:00Z'))).toBeNull();
  });

  it('fires past three intervals, with the silence as evidence', () => {
    const detection = agentOfflineDetection(agent, new Date('2026-11-24T10:03:01Z'));
    expect(detection).toMatchObject({
      detector: 'agent_offline',
      category: 'agent_health',
      entity: { type: 'host', value: 'ws-01' },
      fingerprintKey: 'agent_offline|a1',
    });
    expect(detection?.evidence[0]).toMatchObject({ observed: 181, threshold: 180 });
  });
});
