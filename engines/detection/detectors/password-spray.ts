import { buildDetection, plural, srcIpEntity } from '../build.ts';
import { isFailedLogin, passwordOf, userOf } from '../credentials.ts';
import type { DetectionEvent, Detector } from '../types.ts';
import { NestedCounter, slidingEpisodes } from '../window.ts';

type Peak = { usernames: number; passwords: number; attempts: number };

/**
 * Password spray: one IP tries the same few passwords against many accounts. Inside windowSeconds, the
 * maxPasswords passwords tried against the most usernames (each against ≥ minUsernamesPerPassword) must together
 * cover ≥ minUsernames distinct usernames. A combo list (each password with one user) does not qualify.
 * Needs sources that log the tried password (Cowrie, Zeek ftp/http basic auth).
 */
export const passwordSpray: Detector = {
  id: 'password_spray',
  version: 1,
  title: 'Password spray',
  category: 'password_spray',
  mitre: ['T1110.003'],
  interest: { actions: [], categories: ['authentication'], fields: [], attributeKeys: ['password'] },
  prefilter: (e) => isFailedLogin(e) && userOf(e) !== null && passwordOf(e) !== null,
  lookbackSeconds: (s) => s.passwordSpray.windowSeconds,
  entityOf: srcIpEntity,
  evaluate(events, settings) {
    const { windowSeconds, minUsernames, maxPasswords, minUsernamesPerPassword } = settings.passwordSpray;
    const byPassword = new NestedCounter(minUsernamesPerPassword);
    let attempts = 0;
    const tracker = {
      add: (e: DetectionEvent) => {
        attempts++;
        byPassword.add(passwordOf(e) ?? '', userOf(e) ?? '');
      },
      remove: (e: DetectionEvent) => {
        attempts--;
        byPassword.remove(passwordOf(e) ?? '', userOf(e) ?? '');
      },
      measure: (): Peak | null => {
        if (byPassword.qualifying.size === 0) return null;
        const sprayed = [...byPassword.qualifying]
          .map((password) => byPassword.outer.get(password) ?? new Map<string, number>())
          .sort((a, b) => b.size - a.size)
          .slice(0, maxPasswords);
        const covered = new Set<string>();
        for (const users of sprayed) for (const u of users.keys()) covered.add(u);
        return covered.size >= minUsernames ? { usernames: covered.size, passwords: sprayed.length, attempts } : null;
      },
    };
    const episodes = slidingEpisodes(events, windowSeconds, tracker, (a, b) => a.usernames > b.usernames);
    return episodes.map((ep) => {
      const run = events.slice(ep.first, ep.last + 1);
      const ip = (run[0] as DetectionEvent).srcIp ?? '';
      return buildDetection({
        detector: passwordSpray,
        title: `Password spray from ${ip}`,
        description:
          `${plural(ep.peak.passwords, 'password')} tried against ${ep.peak.usernames} distinct usernames within ` +
          `${windowSeconds} s from ${ip} (${plural(ep.peak.attempts, 'failed attempt')} in the window).`,
        severity: ep.peak.usernames >= minUsernames * 3 ? 'high' : 'medium',
        entity: { type: 'src_ip', value: ip },
        evidence: [
          { name: `usernames covered by ≤ ${maxPasswords} passwords in ${windowSeconds} s`, observed: ep.peak.usernames, threshold: minUsernames, weight: 1 },
          { name: 'sprayed passwords', observed: ep.peak.passwords, threshold: maxPasswords, weight: 0.5 },
        ],
        events: run,
      });
    });
  },
};
