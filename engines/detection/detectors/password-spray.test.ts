import { describe, expect, it } from 'vitest';
import { eventFactory, NOW, only } from '../../../tests/fixtures/detection-events.ts';
import { DEFAULT_DETECTION_SETTINGS as S } from '../settings.ts';
import type { DetectionEvent } from '../types.ts';
import { passwordSpray } from './password-spray.ts';

const f = eventFactory();
const run = (events: DetectionEvent[]) => passwordSpray.evaluate(only(events, passwordSpray.prefilter), S, NOW);
const USERS = ['root', 'admin', 'ubuntu', 'test', 'oracle', 'postgres', 'pi', 'git', 'deploy', 'user', 'guest', 'ftp'];
/** `n` usernames tried with the same password, one every `step` seconds from `start`. */
const spray = (n: number, password: string, start = 0, step = 20) => USERS.slice(0, n).map((u, i) => f.failedLogin(start + i * step, u, password));

describe('password_spray', () => {
  it('fires when one password is tried against 10 usernames within 30 min', () => {
    const [d, ...rest] = run(spray(10, 'Summer2026!'));
    expect(rest).toEqual([]);
    expect(d).toMatchObject({
      detector: 'password_spray',
      category: 'password_spray',
      severity: 'medium',
      mitre: ['T1110.003'],
      fingerprintKey: 'password_spray|198.51.100.7',
    });
    expect(d?.evidence[0]).toMatchObject({ observed: 10, threshold: 10 });
    expect(d?.description).not.toContain('Summer2026!');
  });

  it('does not fire at 9 usernames', () => {
    expect(run(spray(9, 'Summer2026!'))).toEqual([]);
  });

  it('counts up to 3 sprayed passwords together', () => {
    expect(run([...spray(5, 'Winter1'), ...USERS.slice(5, 10).map((u, i) => f.failedLogin(300 + i, u, 'Spring1'))])).toHaveLength(1);
  });

  it('does not take a combo list (a different password per user) for a spray', () => {
    expect(run(USERS.map((u, i) => f.failedLogin(i * 10, u, `${u}123`)))).toEqual([]);
  });

  it('does not fire when the usernames are spread beyond the 30 min window', () => {
    expect(run(spray(10, 'Summer2026!', 0, 240))).toEqual([]);
  });

  it('ignores failures without a password (sshd) and successful logins', () => {
    const sshd = USERS.slice(0, 10).map((u, i) => f.sshdFailed(i, u));
    expect(only(sshd, passwordSpray.prefilter)).toEqual([]);
  });
});
