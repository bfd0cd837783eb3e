import { describe, expect, it } from 'vitest';
import { eventFactory, NOW, only } from '../../../tests/fixtures/detection-events.ts';
import { DEFAULT_DETECTION_SETTINGS as S } from '../settings.ts';
import type { DetectionEvent } from '../types.ts';
import { usernameEnumeration } from './username-enumeration.ts';

const f = eventFactory();
const run = (events: DetectionEvent[]) => usernameEnumeration.evaluate(only(events, usernameEnumeration.prefilter), S, NOW);
/** `users` usernames, the first `twice` of them tried with a second password. */
const walk = (users: number, twice: number) => [
  ...Array.from({ length: users }, (_, i) => f.failedLogin(i * 30, `svc${i}`, 'x')),
  ...Array.from({ length: twice }, (_, i) => f.failedLogin(600 + i * 30, `svc${i}`, 'y')),
];

describe('username_enumeration', () => {
  it('fires at 8 usernames with ≤ 3 passwords each and 10 attempts', () => {
    const [d] = run(walk(8, 2));
    expect(d).toMatchObject({ detector: 'username_enumeration', category: 'username_enumeration', severity: 'medium', mitre: ['T1110', 'T1087'] });
    expect(d?.evidence[0]).toMatchObject({ observed: 8, threshold: 8 });
  });

  it('does not fire at 7 usernames, or with only 9 attempts', () => {
    expect(run(walk(7, 3))).toEqual([]);
    expect(run(walk(8, 1))).toEqual([]);
  });

  it('does not count a username tried with 4 passwords', () => {
    const hammered = ['a', 'b', 'c', 'd'].map((p, i) => f.failedLogin(i - 10, 'svc0', p));
    expect(run([...hammered, ...walk(8, 0)])).toEqual([]); // svc0 has 5 passwords: only 7 usernames qualify
  });

  it('works on sshd logs, which carry no password', () => {
    const lines = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'].map((u, i) => f.sshdFailed(i * 10, u));
    expect(run(lines)).toHaveLength(1);
  });
});
