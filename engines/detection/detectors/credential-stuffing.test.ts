import { describe, expect, it } from 'vitest';
import { eventFactory, NOW, only } from '../../../tests/fixtures/detection-events.ts';
import { DEFAULT_DETECTION_SETTINGS as S } from '../settings.ts';
import type { DetectionEvent } from '../types.ts';
import { credentialStuffing } from './credential-stuffing.ts';

const f = eventFactory();
const run = (events: DetectionEvent[]) => credentialStuffing.evaluate(only(events, credentialStuffing.prefilter), S, NOW);
/** `unique` distinct pairs, then `repeats` retries of the first pair: one attempt every 10 s. */
const attempts = (unique: number, repeats: number) => {
  const list = Array.from({ length: unique }, (_, i) => f.failedLogin(i * 10, `user${i}`, `pass${i}`));
  for (let r = 0; r < repeats; r++) list.push(f.failedLogin((unique + r) * 10, 'user0', 'pass0'));
  return list;
};

describe('credential_stuffing', () => {
  it('fires at 20 unique pairs in 25 attempts (ratio 0.8)', () => {
    const [d] = run(attempts(20, 5));
    expect(d).toMatchObject({ detector: 'credential_stuffing', category: 'credential_stuffing', mitre: ['T1110.004'], severity: 'medium' });
    expect(d?.evidence.map((e) => [e.observed, e.threshold])).toEqual([
      [20, 20],
      [25, 25],
      [0.8, 0.8],
    ]);
  });

  it('does not fire at 24 attempts, 19 unique pairs, or a ratio below 0.8', () => {
    expect(run(attempts(20, 4))).toEqual([]);
    expect(run(attempts(19, 6))).toEqual([]);
    // retries first, then the list: no window of ≥ 25 attempts reaches 0.8 (25 → 16 unique, 30 → 21 unique)
    const retriesFirst = [
      ...Array.from({ length: 10 }, (_, i) => f.failedLogin(i, 'user0', 'pass0')),
      ...attempts(20, 0).map((e) => ({ ...e, occurredAt: new Date(e.occurredAt.getTime() + 100_000) })),
    ];
    expect(run(retriesFirst)).toEqual([]);
  });

  it('does not call one account tried with many passwords stuffing (that is brute force)', () => {
    expect(run(Array.from({ length: 40 }, (_, i) => f.failedLogin(i * 10, 'root', `guess${i}`)))).toEqual([]);
    const nineUsers = Array.from({ length: 30 }, (_, i) => f.failedLogin(i * 10, `user${i % 9}`, `guess${i}`));
    expect(run(nineUsers)).toEqual([]);
  });

  it('fires on a long combo list and keeps one detection for it', () => {
    const list = run(attempts(200, 0));
    expect(list).toHaveLength(1);
    expect(list[0]?.severity).toBe('high');
  });

  it('does not fire when the pairs are spread over more than 30 minutes', () => {
    const slow = Array.from({ length: 25 }, (_, i) => f.failedLogin(i * 120, `u${i}`, `p${i}`));
    expect(run(slow)).toEqual([]);
  });
});
