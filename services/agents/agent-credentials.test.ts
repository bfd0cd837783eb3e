import { describe, expect, it } from 'vitest';
import type { AgentView } from '../../db/repos/agents.repo.ts';
import { credentialsFrom } from '../../routers/procedures.ts';
import { generateAgentKey, generateApiKey, generateEnrollmentKey, looksLikeAgentKey, parseAgentKey, parseEnrollmentKey } from '../identity/index.ts';
import { agentStatus } from './agent.dto.ts';

describe('agent and enrolment keys', () => {
  it('round-trip their prefix and are never taken for one another', () => {
    const agent = generateAgentKey();
    const enrolment = generateEnrollmentKey();
    expect(parseAgentKey(agent.key)).toEqual({ prefix: agent.prefix });
    expect(parseEnrollmentKey(enrolment.key)).toEqual({ prefix: enrolment.prefix });
    expect(parseAgentKey(enrolment.key)).toBeNull();
    expect(parseEnrollmentKey(agent.key)).toBeNull();
    expect(looksLikeAgentKey(generateApiKey().key)).toBe(false);
  });
});

describe('credentialsFrom', () => {
  const agentKey = generateAgentKey().key;

  it('reads X-Agent-Key, and a bearer token only when it has the agent-key shape', () => {
    expect(credentialsFrom({ 'x-agent-key': ` ${agentKey} ` })).toMatchObject({ agentKey, bearer: undefined });
    expect(credentialsFrom({ authorization: `Bearer ${agentKey}` })).toMatchObject({ agentKey, bearer: undefined });
    expect(credentialsFrom({ authorization: 'Bearer some.jwt.token' })).toMatchObject({ agentKey: undefined, bearer: 'some.jwt.token' });
  });

  it('reads X-Agent-Token like X-Agent-Key, X-Agent-Key winning when both are sent', () => {
    const other = generateAgentKey().key;
    expect(credentialsFrom({ 'x-agent-token': agentKey })).toMatchObject({ agentKey });
    expect(credentialsFrom({ 'x-agent-key': agentKey, 'x-agent-token': other })).toMatchObject({ agentKey });
  });
});

describe('agentStatus', () => {
  const base = { revoked_at: null, silent: false, last_heartbeat: new Date(), status: 'online' } as unknown as AgentView;

  it('derives revoked, offline and enrolled, otherwise keeps what the agent reported', () => {
    expect(agentStatus({ ...base, revoked_at: new Date() })).toBe('revoked');
    expect(agentStatus({ ...base, silent: true })).toBe('offline');
    expect(agentStatus({ ...base, last_heartbeat: null, status: 'enrolled' })).toBe('enrolled');
    expect(agentStatus({ ...base, status: 'degraded' })).toBe('degraded');
  });
});
