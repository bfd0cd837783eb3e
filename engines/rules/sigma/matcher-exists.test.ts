import { describe, expect, it } from 'vitest';
import type { Condition, RuleEvent } from '../types.ts';
import { compilePredicate, createRunner } from './matcher.ts';

const event = (overrides: Partial<RuleEvent>): RuleEvent => ({
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
  raw: {},
  ...overrides,
});

const exists = (value: boolean, paths: string[]): Condition => ({ type: 'field', field: 'CommandLine', paths, tests: [{ op: 'exists', value }], mode: 'any' });
const run = createRunner();
const holds = (condition: Condition, on: RuleEvent) => run(compilePredicate(condition), on);

// a field mapped to its raw name and a normalised column (CommandLine → attributes.win.CommandLine, processCommandLine)
const PATHS = ['attributes.win.CommandLine', 'processCommandLine'];

describe('|exists over a field mapped to a column', () => {
  it('does not count a null column as the field being there', () => {
    const withoutField = event({ attributes: { win: { Image: 'C:\\a.exe' } } });
    expect(holds(exists(true, PATHS), withoutField)).toBe(false);
    expect(holds(exists(false, PATHS), withoutField)).toBe(true);
  });

  it('counts the field when either path has it, a null value inside attributes included (the spec: present, even if null)', () => {
    expect(holds(exists(true, PATHS), event({ processCommandLine: 'cmd /c whoami' }))).toBe(true);
    expect(holds(exists(true, PATHS), event({ attributes: { win: { CommandLine: null } } }))).toBe(true);
    expect(holds(exists(false, PATHS), event({ attributes: { win: { CommandLine: '' } } }))).toBe(false);
  });
});
