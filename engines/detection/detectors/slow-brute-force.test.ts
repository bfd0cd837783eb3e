import { describe, expect, it } from 'vitest';
import { eventFactory, NOW, only } from '../../../tests/fixtures/detection-events.ts';
import { runDetectors } from '../index.ts';
import { DEFAULT_DETECTION_SETTINGS as S } from '../settings.ts';
import type { DetectionEvent } from '../types.ts';
import { slowBruteForce } from './slow-brute-force.ts';

const f = eventFactory();
const run = (events: DetectionEvent[]) => slowBruteForce.evaluate(only(events, slowBruteForce.prefilter), S, NOW);
const every = (n: number, step: number, start = 0) => Array.from({ length: n }, (_, i) => f.failedLogin(start + i * step, 'root', `p${i}`));

describe('slow_brute_force', () => {
  it('fires on 15 failures over ≥ 15 min at ≤ 2 per minute, where the fast detector stays silent', () => {
    const events = every(15, 70); // 980 s, 0.92/min
    const [d] = run(events);
    expect(d).toMatchObject({ detector: 'slow_brute_force', category: 'brute_force', severity: 'medium', mitre: ['T1110.001'] });
    expect(d?.evidence[0]).toMatchObject({ observed: 15, threshold: 15 });
    expect(runDetectors(events, S, NOW).map((x) => x.detector)).toEqual(['slow_brute_force']);
  });

  it('does not fire on 14 failures, or on 15 within less than 15 minutes', () => {
    expect(run(every(14, 70))).toEqual([]);
    expect(run(every(15, 60))).toEqual([]); // 840 s
  });

  it('does not fire above 2 per minute, nor when a burst already is a fast brute force', () => {
    expect(run(every(32, 29))).toEqual([]); // 899 s
    expect(run(every(40, 24))).toEqual([]); // 936 s, 2.56/min
    expect(run([...every(15, 70), ...every(6, 2, 2000)])).toEqual([]);
  });

  it('splits campaigns on gaps over 1 h', () => {
    expect(run([...every(8, 120), ...every(8, 120, 8000)])).toEqual([]);
  });
});
