import { describe, expect, it } from 'vitest';
import type { EndpointActionRow } from '../../../db/repos/endpoint-actions.repo.ts';
import type { AgentDto } from '../../agents/index.ts';
import { toEndpointDto } from './endpoint.dto.ts';
import { toEndpointActionDto } from './endpoint-action.dto.ts';

const agent = (overrides: Partial<AgentDto> = {}): AgentDto => ({
  id: 7,
  uuid: '00000000-0000-4000-8000-000000000007',
  name: 'Web-01',
  os: 'linux',
  ip_address: null,
  version: '1.0.0',
  tags: [],
  status: 'online',
  reported_status: 'online',
  last_heartbeat: '2026-12-07T10:00:00.000Z',
  last_seen: null,
  last_ip: '10.0.0.5',
  heartbeat_interval_seconds: 60,
  created_at: '2026-12-01T10:00:00.000Z',
  key_rotated_at: '2026-12-01T10:00:00.000Z',
  revoked_at: null,
  ...overrides,
});

const report = (overrides: Partial<EndpointActionRow> = {}): EndpointActionRow => ({
  id: 1,
  org_id: 'org',
  agent_id: '00000000-0000-4000-8000-000000000007',
  response_action_id: null,
  action_type: 'isolate',
  parameters: {},
  status: 'completed',
  output: 'Network interfaces disabled',
  requested_by: 'user',
  requested_by_type: 'user',
  created_at: new Date('2026-12-07T09:00:00Z'),
  expires_at: new Date('2026-12-08T09:00:00Z'),
  completed_at: new Date('2026-12-07T09:01:00Z'),
  ...overrides,
});

describe('toEndpointDto', () => {
  it("reads isolated from the agent's latest isolate report, and the agent's state otherwise", () => {
    expect(toEndpointDto(agent(), report())).toMatchObject({
      status: 'isolated',
      agent_status: 'isolated',
      isolated: true,
      isolated_at: '2026-12-07T09:01:00.000Z',
    });
    expect(toEndpointDto(agent(), report({ action_type: 'release' }))).toMatchObject({ status: 'online', isolated: false, isolated_at: null });
    expect(toEndpointDto(agent({ status: 'offline' }), undefined)).toMatchObject({ status: 'offline', agent_status: 'offline', isolated: false });
  });

  it('shows a revoked agent as revoked whatever it reported last', () => {
    expect(toEndpointDto(agent({ status: 'revoked' }), report())).toMatchObject({ status: 'revoked', isolated: false });
  });

  it('fills what Vigil knows and leaves the inventory it does not collect null', () => {
    expect(toEndpointDto(agent(), undefined)).toMatchObject({
      id: 7,
      hostname: 'web-01',
      display_name: 'Web-01',
      ip_address: '10.0.0.5',
      agent_version: '1.0.0',
      last_seen: '2026-12-07T10:00:00.000Z',
      owner: null,
      os_version: null,
      processes: null,
      resource_usage: null,
      alerts_open: null,
    });
  });
});

describe('toEndpointActionDto', () => {
  it('reads a pending action past its expiry as expired', () => {
    const pending = report({ status: 'pending', completed_at: null, output: null });
    const label = { id: pending.agent_id, public_id: 7, name: 'Web-01' };
    expect(toEndpointActionDto(pending, label, new Date('2026-12-07T12:00:00Z')).status).toBe('pending');
    expect(toEndpointActionDto(pending, label, new Date('2026-12-08T09:00:00Z')).status).toBe('expired');
  });
});
