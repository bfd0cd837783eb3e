import { describe, expect, it } from 'vitest';
import { eventFactory, NOW, only } from '../../../tests/fixtures/detection-events.ts';
import { runDetectors } from '../index.ts';
import { mergeSettings, DEFAULT_DETECTION_SETTINGS as S } from '../settings.ts';
import { sshBruteForce } from './ssh-brute-force.ts';

const f = eventFactory();
const run = (events: Parameters<typeof sshBruteForce.evaluate>[0], settings = S) =>
  sshBruteForce.evaluate(only([...events], sshBruteForce.prefilter), settings, NOW);
const failures = (times: number[], ip?: string) => times.map((t) => f.failedLogin(t, 'root', `pw${t}`, ip));

describe('ssh_brute_force', () => {
  it('does not fire on 5 failed logins within 60 s', () => {
    expect(run(failures([0, 10, 20, 30, 40]))).toEqual([]);
  });

  it('fires on 6 failed logins within 60 s, with evidence, MITRE id and a time-free fingerprint', () => {
    const events = failures([0, 10, 20, 30, 40, 50]);
    const [d, ...rest] = run(events);
    expect(rest).toEqual([]);
    expect(d).toMatchObject({
      detector: 'ssh_brute_force',
      detectorVersion: 1,
      category: 'brute_force',
      severity: 'medium',
      entity: { type: 'src_ip', value: '198.51.100.7' },
      mitre: ['T1110.001'],
      fingerprintKey: 'ssh_brute_force|198.51.100.7',
      eventIds: events.map((e) => e.id),
      windowStart: events[0]?.occurredAt,
      windowEnd: events[5]?.occurredAt,
    });
    expect(d?.evidence[0]).toEqual({ name: 'failed logins in 60 s', observed: 6, threshold: 6, weight: 1 });
  });

  it('counts the window inclusively: 6 failures spanning exactly 60 s fire, 61 s do not', () => {
    expect(run(failures([0, 12, 24, 36, 48, 60]))).toHaveLength(1);
    expect(run(failures([0, 12, 24, 36, 48, 61]))).toEqual([]);
  });

  it('does not fire on 6 failures spread over 10 minutes', () => {
    expect(run(failures([0, 120, 240, 360, 480, 600]))).toEqual([]);
  });

  it('is high from 12 failures in one window, and critical when a login succeeds right after', () => {
    const twelve = failures([0, 4, 8, 12, 16, 20, 24, 28, 32, 36, 40, 44]);
    expect(run(twelve)[0]?.severity).toBe('high');
    const success = f.cowrie('cowrie.login.success', 70, { username: 'root', password: 'toor', src_ip: '198.51.100.7' });
    const [d] = run([...twelve, success]);
    expect(d).toMatchObject({ severity: 'critical', mitre: ['T1110.001', 'T1078'] });
    expect(d?.title).toContain('followed by a successful login');
    expect(d?.eventIds).toContain(success.id);
  });

  it('merges one long burst into one detection and separates bursts 10 minutes apart (same fingerprint)', () => {
    const long = failures(Array.from({ length: 30 }, (_, i) => i * 5));
    expect(run(long)).toHaveLength(1);
    const two = run([...failures([0, 5, 10, 15, 20, 25]), ...failures([600, 605, 610, 615, 620, 625])]);
    expect(two).toHaveLength(2);
    expect(new Set(two.map((d) => d.fingerprintKey)).size).toBe(1);
  });

  it('keeps only the 200 most recent event ids', () => {
    const many = failures(Array.from({ length: 300 }, (_, i) => i * 0.1));
    const [d] = run(many);
    expect(d?.eventIds).toHaveLength(200);
    expect(d?.eventIds.at(-1)).toBe(many.at(-1)?.id);
    expect(d?.evidence[1]).toMatchObject({ name: 'failed logins in the burst', observed: 300 });
  });

  it('reads sshd syslog failures, counts folded repeats and skips "Invalid user" lines', () => {
    const lines = [0, 10, 20, 30, 40].map((t) => f.sshdFailed(t));
    expect(lines.map((e) => e.action)).toEqual(Array(5).fill('syslog.sshd.login.failed'));
    expect(run(lines)).toEqual([]);
    const invalid = f.sshd(40, 'Invalid user oracle from 203.0.113.77 port 4000');
    expect(run([...lines, invalid])).toEqual([]);
    expect(run([...lines, f.sshdFailed(50)])[0]?.entity).toEqual({ type: 'src_ip', value: '203.0.113.77' });
    const folded = f.sshd(0, 'message repeated 5 times: [ Failed password for root from 203.0.113.9 port 2222 ssh2]');
    expect(run([folded, f.sshdFailed(30, 'root', '203.0.113.9')])[0]?.evidence[0]?.observed).toBe(6);
  });

  it('names Telnet when Cowrie says so, and never mixes source IPs', () => {
    const telnet = [0, 1, 2, 3, 4, 5].map((t) =>
      f.cowrie('cowrie.login.failed', t, { username: 'admin', password: 'admin', protocol: 'telnet', session: `t${t}` }),
    );
    expect(run(telnet)[0]?.title).toBe('Telnet brute force from 198.51.100.7');
    const mixed = [...failures([0, 10, 20], '192.0.2.1'), ...failures([1, 11, 21], '192.0.2.2')];
    expect(runDetectors(mixed, S, NOW).filter((d) => d.detector === 'ssh_brute_force')).toEqual([]);
  });

  it('follows per-organisation thresholds', () => {
    const strict = mergeSettings({ bruteForce: { minFailures: 3, windowSeconds: 30 } });
    expect(run(failures([0, 10, 20]), strict)).toHaveLength(1);
    expect(run(failures([0, 20, 40]), strict)).toEqual([]);
  });
});
