import { buildDetection, plural, srcIpEntity } from '../build.ts';
import { isFailedLogin, pairOf } from '../credentials.ts';
import type { DetectionEvent, Detector } from '../types.ts';
import { Counter, slidingEpisodes } from '../window.ts';

type Peak = { pairs: number; attempts: number; ratio: number };

/**
 * Credential stuffing: one IP replays a list of username/password pairs. Inside windowSeconds: ≥ minUniquePairs
 * distinct pairs, ≥ minAttempts attempts, unique pairs / attempts ≥ minUniqueRatio (20 / 25 / 0.8, the thresholds
 * Mini-XDR declared but never implemented), over ≥ minUsernames accounts (one account tried with many passwords is
 * brute force, not stuffing). Needs sources that log the tried password.
 */
export const credentialStuffing: Detector = {
  id: 'credential_stuffing',
  version: 1,
  title: 'Credential stuffing',
  category: 'credential_stuffing',
  mitre: ['T1110.004'],
  interest: { actions: [], categories: ['authentication'], fields: [], attributeKeys: ['password'] },
  prefilter: (e) => isFailedLogin(e) && pairOf(e) !== null,
  lookbackSeconds: (s) => s.credentialStuffing.windowSeconds,
  entityOf: srcIpEntity,
  evaluate(events, settings) {
    const { windowSeconds, minUniquePairs, minAttempts, minUniqueRatio, minUsernames } = settings.credentialStuffing;
    const pairs = new Counter<string>();
    const users = new Counter<string>();
    let attempts = 0;
    const tracker = {
      add: (e: DetectionEvent) => {
        attempts++;
        pairs.add(pairOf(e) ?? '');
        users.add(e.userName ?? '');
      },
      remove: (e: DetectionEvent) => {
        attempts--;
        pairs.remove(pairOf(e) ?? '');
        users.remove(e.userName ?? '');
      },
      measure: (): Peak | null => {
        const ratio = attempts === 0 ? 0 : pairs.size / attempts;
        return pairs.size >= minUniquePairs && attempts >= minAttempts && ratio >= minUniqueRatio && users.size >= minUsernames
          ? { pairs: pairs.size, attempts, ratio: Math.round(ratio * 1000) / 1000 }
          : null;
      },
    };
    const episodes = slidingEpisodes(events, windowSeconds, tracker, (a, b) => a.pairs > b.pairs);
    return episodes.map((ep) => {
      const run = events.slice(ep.first, ep.last + 1);
      const ip = (run[0] as DetectionEvent).srcIp ?? '';
      return buildDetection({
        detector: credentialStuffing,
        title: `Credential stuffing from ${ip}`,
        description:
          `${ep.peak.pairs} distinct username/password pairs in ${plural(ep.peak.attempts, 'failed attempt')} ` +
          `within ${windowSeconds} s from ${ip} (unique ratio ${ep.peak.ratio}).`,
        severity: ep.peak.pairs >= minUniquePairs * 5 ? 'high' : 'medium',
        entity: { type: 'src_ip', value: ip },
        evidence: [
          { name: `unique username/password pairs in ${windowSeconds} s`, observed: ep.peak.pairs, threshold: minUniquePairs, weight: 1 },
          { name: 'attempts in the window', observed: ep.peak.attempts, threshold: minAttempts, weight: 0.5 },
          { name: 'unique pair ratio', observed: ep.peak.ratio, threshold: minUniqueRatio, weight: 0.5 },
        ],
        events: run,
      });
    });
  },
};
