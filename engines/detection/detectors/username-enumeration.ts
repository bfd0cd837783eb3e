import { buildDetection, plural, srcIpEntity } from '../build.ts';
import { attemptsOf, isFailedLogin, passwordOf, userOf } from '../credentials.ts';
import type { DetectionEvent, Detector } from '../types.ts';
import { Counter, NestedCounter, slidingEpisodes } from '../window.ts';

type Peak = { usernames: number; attempts: number };

/**
 * Username enumeration: one IP walks through account names, trying each only a few times. Inside windowSeconds:
 * ≥ minUsernames usernames each tried with ≤ maxPasswordsPerUser distinct passwords, and ≥ minAttempts failed
 * attempts (8 / 3 / 10). Works without passwords too (sshd, Kerberos, NTLM log none: 0 known passwords).
 */
export const usernameEnumeration: Detector = {
  id: 'username_enumeration',
  version: 1,
  title: 'Username enumeration',
  category: 'username_enumeration',
  mitre: ['T1110', 'T1087'],
  interest: { actions: [], categories: ['authentication'], fields: [], attributeKeys: [] },
  prefilter: (e) => isFailedLogin(e) && userOf(e) !== null,
  lookbackSeconds: (s) => s.usernameEnumeration.windowSeconds,
  entityOf: srcIpEntity,
  evaluate(events, settings) {
    const { windowSeconds, minUsernames, maxPasswordsPerUser, minAttempts } = settings.usernameEnumeration;
    const users = new Counter<string>();
    // users tried with more than maxPasswordsPerUser known passwords end up in `qualifying` (i.e. disqualified)
    const passwords = new NestedCounter(maxPasswordsPerUser + 1);
    let attempts = 0;
    const tracker = {
      add: (e: DetectionEvent) => {
        attempts += attemptsOf(e);
        users.add(userOf(e) ?? '');
        const password = passwordOf(e);
        if (password !== null) passwords.add(userOf(e) ?? '', password);
      },
      remove: (e: DetectionEvent) => {
        attempts -= attemptsOf(e);
        users.remove(userOf(e) ?? '');
        const password = passwordOf(e);
        if (password !== null) passwords.remove(userOf(e) ?? '', password);
      },
      measure: (): Peak | null => {
        const few = users.size - passwords.qualifying.size;
        return attempts >= minAttempts && few >= minUsernames ? { usernames: few, attempts } : null;
      },
    };
    const episodes = slidingEpisodes(events, windowSeconds, tracker, (a, b) => a.usernames > b.usernames);
    return episodes.map((ep) => {
      const run = events.slice(ep.first, ep.last + 1);
      const ip = (run[0] as DetectionEvent).srcIp ?? '';
      return buildDetection({
        detector: usernameEnumeration,
        title: `Username enumeration from ${ip}`,
        description:
          `${ep.peak.usernames} usernames tried with ≤ ${plural(maxPasswordsPerUser, 'password')} each within ${windowSeconds} s ` +
          `from ${ip} (${plural(ep.peak.attempts, 'failed attempt')}).`,
        severity: ep.peak.usernames >= minUsernames * 3 ? 'high' : 'medium',
        entity: { type: 'src_ip', value: ip },
        evidence: [
          { name: `usernames with ≤ ${maxPasswordsPerUser} passwords in ${windowSeconds} s`, observed: ep.peak.usernames, threshold: minUsernames, weight: 1 },
          { name: 'failed attempts in the window', observed: ep.peak.attempts, threshold: minAttempts, weight: 0.5 },
        ],
        events: run,
      });
    });
  },
};
