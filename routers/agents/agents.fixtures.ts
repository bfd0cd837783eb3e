import type { TestOrg } from '../../tests/factories.ts';
import type { HttpClient } from '../../tests/http-client.ts';

export type EnrolledAgent = { agentId: string; apiKey: string; headers: Record<string, string> };

export async function createEnrollmentKey(http: HttpClient, org: TestOrg, name = 'installer'): Promise<string> {
  const created = await http.post<{ key: string }>('/api/agents/enrollment-keys', { name }, org.admin.headers);
  if (created.status !== 201) throw new Error(`enrolment key not created: ${created.status} ${JSON.stringify(created.body)}`);
  return created.body.key;
}

export async function enrollAgent(http: HttpClient, enrollmentKey: string, name: string, extra: Record<string, unknown> = {}): Promise<EnrolledAgent> {
  const enrolled = await http.post<{ agent_id: string; api_key: string }>('/agents/enroll', {
    name,
    os: 'linux',
    ip_address: '10.0.0.5',
    version: '1.0.0',
    enrollment_key: enrollmentKey,
    ...extra,
  });
  if (enrolled.status !== 200) throw new Error(`agent not enrolled: ${enrolled.status} ${JSON.stringify(enrolled.body)}`);
  return { agentId: enrolled.body.agent_id, apiKey: enrolled.body.api_key, headers: { 'x-agent-key': enrolled.body.api_key } };
}

/** An organisation's enrolment key and one agent enrolled with it. */
export async function orgWithAgent(http: HttpClient, org: TestOrg, name: string): Promise<EnrolledAgent & { enrollmentKey: string }> {
  const enrollmentKey = await createEnrollmentKey(http, org);
  return { ...(await enrollAgent(http, enrollmentKey, name)), enrollmentKey };
}

export const sampleEvent = (overrides: Record<string, unknown> = {}) => ({
  event_type: 'edr.process_start',
  severity: 'medium',
  category: 'process',
  details: { hostname: 'web-01', username: 'alice', process_name: 'curl', command_line: 'curl http://example.test' },
  ...overrides,
});
