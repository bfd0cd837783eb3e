import type { RuleEvent } from './types.ts';

/** A RuleEvent with every column empty, for tests and tools that set only what they look at. */
export function blankRuleEvent(overrides: Partial<RuleEvent> = {}): RuleEvent {
  return {
    occurredAt: new Date('2026-12-04T10:00:00Z'),
    sourceKind: 'agent',
    kind: 'event',
    category: 'process',
    action: 'windows.process_started',
    outcome: 'unknown',
    severity: 0,
    srcIp: null,
    srcPort: null,
    dstIp: null,
    dstPort: null,
    transport: null,
    hostName: null,
    userName: null,
    processName: null,
    processCommandLine: null,
    url: null,
    fileName: null,
    fileSha256: null,
    fileMd5: null,
    sensorId: null,
    sessionId: null,
    message: null,
    attributes: {},
    raw: null,
    ...overrides,
  };
}
