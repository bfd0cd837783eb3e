import { describe, expect, it } from 'vitest';
import { createRng } from '../../synthetic/index.ts';
import { parseSigmaText, type SigmaCorrelationDocument } from '../sigma/index.ts';
import type { FieldMapping, RuleEvent } from '../types.ts';
import { type CorrelationHit, correlationValues, evaluateCorrelation, type ResolvedCorrelation, resolveCorrelation } from './index.ts';

const MAPPING: FieldMapping = {
  version: 'test',
  logsource: () => ({ condition: { type: 'const', value: true }, keys: [] }),
  field: (logsource, field) => (field === 'User' ? ['userName'] : logsource.service === 'security' ? [`attributes.win.${field}`] : [`raw.${field}`]),
  eventKeys: () => [],
};
const REFERENCED = new Map([
  ['failed_login', { key: 'rule-failed', logsource: { product: 'windows', service: 'security' } }],
  ['53ba33fd-3a50-4468-a5ef-c583635cfa92', { key: 'rule-failed', logsource: { product: 'windows', service: 'security' } }],
  ['successful_login', { key: 'rule-success', logsource: { product: 'windows', service: 'security' } }],
  ['proxy', { key: 'rule-proxy', logsource: { category: 'proxy' } }],
]);

function correlationDoc(body: string): SigmaCorrelationDocument {
  const { documents, problems } = parseSigmaText(`title: c\nid: c1\ncorrelation:\n${body}`);
  const [document] = documents;
  if (document?.kind !== 'correlation') throw new Error(JSON.stringify(problems));
  return document;
}

function resolved(body: string): ResolvedCorrelation {
  const result = resolveCorrelation(correlationDoc(body), REFERENCED, MAPPING);
  if ('problems' in result) throw new Error(JSON.stringify(result.problems));
  return result.spec;
}

const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);
const hit = (ruleKey: string, eventId: number, secondsAfter: number, group: string[], value: string | null = null): CorrelationHit => ({
  ruleKey,
  eventId,
  occurredAt: new Date(T0 + secondsAfter * 1000),
  group,
  value,
});
/** `n` failed logons of one user, 20 s apart. */
const failures = (n: number, user = 'alice', firstId = 1) => Array.from({ length: n }, (_, i) => hit('rule-failed', firstId + i, i * 20, [user]));

const BRUTE_FORCE = resolved('  type: event_count\n  rules: [failed_login]\n  group-by: [User]\n  timespan: 5m\n  condition:\n    gte: 10\n');

describe('resolveCorrelation', () => {
  it('resolves references by name or id to rule keys, and fields and aliases to paths per rule', () => {
    const spec = resolved(
      '  type: value_count\n  rules:\n    - 53ba33fd-3a50-4468-a5ef-c583635cfa92\n    - proxy\n  group-by: [ip]\n  timespan: 1h\n  aliases:\n    ip:\n      failed_login: IpAddress\n      proxy: c-ip\n  condition:\n    field: User\n    gt: 3\n',
    );
    expect(spec.rules).toEqual(['rule-failed', 'rule-proxy']);
    expect(spec.groupBy).toEqual([{ field: 'ip', pathsByRule: { 'rule-failed': ['attributes.win.IpAddress'], 'rule-proxy': ['raw.c-ip'] } }]);
    expect(spec.condition).toEqual({ field: 'User', gt: 3, pathsByRule: { 'rule-failed': ['userName'], 'rule-proxy': ['userName'] } });
    expect(spec.timespanMs).toBe(3_600_000);
    expect(resolved('  type: temporal\n  rules: [failed_login, successful_login]\n  group-by: [User]\n  timespan: 1m\n').condition).toEqual({ gte: 2 });
  });

  it('names an unknown reference with its line', () => {
    const result = resolveCorrelation(
      correlationDoc('  type: event_count\n  rules:\n    - failed_login\n    - nope\n  group-by: [User]\n  timespan: 5m\n  condition: {gte: 2}\n'),
      REFERENCED,
      MAPPING,
    );
    expect(result).toEqual({ problems: [expect.objectContaining({ construct: 'correlation rules', line: 7, message: expect.stringContaining("'nope'") })] });
  });
});

describe('correlationValues', () => {
  it('reads the group-by values and the counted value of an event, and no group when a field is missing', () => {
    const spec = resolved('  type: value_count\n  rules: [failed_login]\n  group-by: [IpAddress]\n  timespan: 1h\n  condition:\n    field: User\n    gte: 5\n');
    const event = { userName: 'bob', attributes: { win: { IpAddress: '203.0.113.9', LogonType: 3 } } } as unknown as RuleEvent;
    expect(correlationValues(spec, 'rule-failed', event)).toEqual({ group: ['203.0.113.9'], value: 'bob' });
    expect(correlationValues(spec, 'rule-failed', { ...event, attributes: {} })).toEqual({ group: null, value: null });
  });
});

describe('evaluateCorrelation', () => {
  it('fires once for 10 failed logons of one user in 5 minutes, and not for 9', () => {
    const matches = evaluateCorrelation(BRUTE_FORCE, failures(10));
    expect(matches).toEqual([
      { group: ['alice'], windowStart: new Date(T0), windowEnd: new Date(T0 + 180_000), eventIds: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], observed: 10 },
    ]);
    expect(evaluateCorrelation(BRUTE_FORCE, failures(9))).toEqual([]);
    // 14 in a row: overlapping firing windows are one match
    expect(evaluateCorrelation(BRUTE_FORCE, failures(14))).toHaveLength(1);
    // the same hit twice counts once; another rule's hits do not count
    expect(evaluateCorrelation(BRUTE_FORCE, [...failures(9), failures(9)[0] as CorrelationHit, hit('rule-other', 99, 30, ['alice'])])).toEqual([]);
  });

  it('gives the same matches however the hits are ordered and split into batches', () => {
    const hits = [
      ...failures(12),
      ...failures(10, 'bob', 100).map((h) => ({ ...h, occurredAt: new Date(h.occurredAt.getTime() + 3_600_000) })),
      ...failures(5, 'carol', 200),
    ];
    const expected = evaluateCorrelation(BRUTE_FORCE, hits);
    expect(expected.map((match) => match.group)).toEqual([['alice'], ['bob']]);
    const rng = createRng(7);
    for (let round = 0; round < 20; round++) {
      const shuffled = rng.shuffle(hits);
      const cut = rng.int(0, shuffled.length);
      const batches = [shuffled.slice(cut), shuffled.slice(0, cut)];
      expect(evaluateCorrelation(BRUTE_FORCE, batches.flat())).toEqual(expected);
    }
  });

  it('keeps groups apart', () => {
    const hits = [...failures(5, 'alice'), ...failures(5, 'bob', 50)];
    expect(evaluateCorrelation(BRUTE_FORCE, hits)).toEqual([]);
  });

  it('counts distinct values for value_count', () => {
    const spec = resolved(
      '  type: value_count\n  rules: [failed_login]\n  group-by: [IpAddress]\n  timespan: 10m\n  condition:\n    field: User\n    gte: 3\n',
    );
    const sameUser = [1, 2, 3, 4].map((id) => hit('rule-failed', id, id, ['203.0.113.9'], 'alice'));
    expect(evaluateCorrelation(spec, sameUser)).toEqual([]);
    const sprayed = ['alice', 'bob', null, 'carol'].map((user, i) => hit('rule-failed', 10 + i, i, ['203.0.113.9'], user));
    expect(evaluateCorrelation(spec, sprayed)).toEqual([
      { group: ['203.0.113.9'], windowStart: new Date(T0), windowEnd: new Date(T0 + 3000), eventIds: [10, 11, 13], observed: 3 },
    ]);
  });

  it('fires temporal when every rule hits within the timespan, in any order', () => {
    const spec = resolved('  type: temporal\n  rules: [failed_login, successful_login]\n  group-by: [User]\n  timespan: 1m\n');
    expect(evaluateCorrelation(spec, [hit('rule-success', 1, 0, ['alice']), hit('rule-failed', 2, 30, ['alice'])])).toHaveLength(1);
    expect(evaluateCorrelation(spec, [hit('rule-success', 1, 0, ['alice']), hit('rule-failed', 2, 61, ['alice'])])).toEqual([]);
    expect(evaluateCorrelation(spec, [hit('rule-success', 1, 0, ['alice']), hit('rule-failed', 2, 30, ['bob'])])).toEqual([]);
  });

  it('fires temporal_ordered only in the listed order', () => {
    const spec = resolved('  type: temporal_ordered\n  rules: [failed_login, successful_login]\n  group-by: [User]\n  timespan: 10m\n');
    const inOrder = [hit('rule-failed', 1, 0, ['alice']), hit('rule-failed', 2, 10, ['alice']), hit('rule-success', 3, 60, ['alice'])];
    expect(evaluateCorrelation(spec, inOrder)).toEqual([
      { group: ['alice'], windowStart: new Date(T0 + 10_000), windowEnd: new Date(T0 + 60_000), eventIds: [2, 3], observed: 2 },
    ]);
    expect(evaluateCorrelation(spec, [hit('rule-success', 1, 0, ['alice']), hit('rule-failed', 2, 60, ['alice'])])).toEqual([]);
    expect(evaluateCorrelation(spec, [hit('rule-failed', 1, 0, ['alice']), hit('rule-success', 2, 601, ['alice'])])).toEqual([]);
  });

  it('judges an upper-bound condition only on complete windows', () => {
    const spec = resolved('  type: event_count\n  rules: [failed_login]\n  group-by: [User]\n  timespan: 5m\n  condition:\n    lt: 3\n');
    const few = failures(2);
    // nothing after the window yet: a third hit may still come
    expect(evaluateCorrelation(spec, few)).toEqual([]);
    const later = hit('rule-failed', 50, 3600, ['bob']);
    expect(evaluateCorrelation(spec, [...few, later])).toEqual([
      { group: ['alice'], windowStart: new Date(T0), windowEnd: new Date(T0 + 20_000), eventIds: [1, 2], observed: 2 },
    ]);
    expect(evaluateCorrelation(spec, [...failures(3), later])).toEqual([
      // the window from the second hit holds two: the third starts a window of its own (merged)
      { group: ['alice'], windowStart: new Date(T0 + 20_000), windowEnd: new Date(T0 + 40_000), eventIds: [2, 3], observed: 2 },
    ]);
  });
});
