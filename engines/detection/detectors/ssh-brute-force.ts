import { buildDetection, plural, srcIpEntity } from '../build.ts';
import { attemptsOf, isSshFailedLogin, isSuccessfulLogin, SSH_FAILED_LOGIN_ACTIONS, SUCCESS_LOGIN_ACTIONS } from '../credentials.ts';
import type { DetectionEvent, Detector } from '../types.ts';
import { byTime, slidingEpisodes } from '../window.ts';

type Peak = { failures: number; users: number };

/**
 * SSH/Telnet brute force: ≥ minFailures failed logins from one IP within windowSeconds (6 in 60 s). Each burst
 * (overlapping firing windows) is one detection; a successful login from the same IP during the burst or within one
 * window after it makes it critical (valid credentials were probably found).
 */
export const sshBruteForce: Detector = {
  id: 'ssh_brute_force',
  version: 1,
  title: 'SSH/Telnet brute force',
  category: 'brute_force',
  mitre: ['T1110.001'],
  interest: { actions: [...SSH_FAILED_LOGIN_ACTIONS, ...SUCCESS_LOGIN_ACTIONS], categories: [], fields: [], attributeKeys: [] },
  prefilter: (e) => isSshFailedLogin(e) || isSuccessfulLogin(e),
  lookbackSeconds: (s) => s.bruteForce.windowSeconds * 2,
  entityOf: srcIpEntity,
  evaluate(events, settings) {
    const { windowSeconds, minFailures, highSeverityFailures } = settings.bruteForce;
    const failures = events.filter(isSshFailedLogin);
    const successes = events.filter(isSuccessfulLogin);
    let count = 0;
    const users = new Map<string, number>();
    const tracker = {
      add: (e: DetectionEvent) => {
        count += attemptsOf(e);
        const u = e.userName ?? '';
        users.set(u, (users.get(u) ?? 0) + 1);
      },
      remove: (e: DetectionEvent) => {
        count -= attemptsOf(e);
        const u = e.userName ?? '';
        const left = (users.get(u) ?? 0) - 1;
        if (left > 0) users.set(u, left);
        else users.delete(u);
      },
      measure: (): Peak | null => (count >= minFailures ? { failures: count, users: users.size } : null),
    };
    const episodes = slidingEpisodes(failures, windowSeconds, tracker, (a, b) => a.failures > b.failures);
    return episodes.map((ep) => {
      const burst = failures.slice(ep.first, ep.last + 1);
      const start = (burst[0] as DetectionEvent).occurredAt.getTime();
      const end = (burst[burst.length - 1] as DetectionEvent).occurredAt.getTime() + windowSeconds * 1000;
      const success = successes.find((e) => e.occurredAt.getTime() >= start && e.occurredAt.getTime() <= end);
      const total = burst.reduce((n, e) => n + attemptsOf(e), 0);
      const ip = (burst[0] as DetectionEvent).srcIp ?? '';
      const telnet = burst.some((e) => e.attributes.protocol === 'telnet');
      const service = telnet ? 'Telnet' : 'SSH';
      return buildDetection({
        detector: sshBruteForce,
        title: success ? `${service} brute force from ${ip} followed by a successful login` : `${service} brute force from ${ip}`,
        description:
          `${plural(ep.peak.failures, 'failed login')} within ${windowSeconds} s from ${ip} ` +
          `(${plural(total, 'failure')} in the burst, ${plural(ep.peak.users, 'username')} at the peak)` +
          (success ? `; then a successful login as ${success.userName ?? 'an unknown user'}.` : '.'),
        severity: success ? 'critical' : ep.peak.failures >= highSeverityFailures ? 'high' : 'medium',
        entity: { type: 'src_ip', value: ip },
        evidence: [
          { name: `failed logins in ${windowSeconds} s`, observed: ep.peak.failures, threshold: minFailures, weight: 1 },
          { name: 'failed logins in the burst', observed: total, threshold: minFailures, weight: 0.5 },
          ...(success ? [{ name: 'successful login after failures', observed: success.userName ?? '?', threshold: 'none', weight: 1 }] : []),
        ],
        events: success ? [...burst, success].sort(byTime) : burst,
        mitre: success ? ['T1110.001', 'T1078'] : ['T1110.001'],
      });
    });
  },
};
