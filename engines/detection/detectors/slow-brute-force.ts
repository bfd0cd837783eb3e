import { buildDetection, plural, srcIpEntity } from '../build.ts';
import { attemptsOf, isFailedLogin } from '../credentials.ts';
import type { Detection, DetectionEvent, Detector } from '../types.ts';
import { gapEpisodes } from '../window.ts';

/** The most attempts inside any window of `windowSeconds` (two pointers over time-sorted events). */
function peakInWindow(events: readonly DetectionEvent[], windowSeconds: number): number {
  let peak = 0;
  let sum = 0;
  let start = 0;
  for (let i = 0; i < events.length; i++) {
    const end = events[i] as DetectionEvent;
    sum += attemptsOf(end);
    while (end.occurredAt.getTime() - (events[start] as DetectionEvent).occurredAt.getTime() > windowSeconds * 1000) {
      sum -= attemptsOf(events[start] as DetectionEvent);
      start++;
    }
    peak = Math.max(peak, sum);
  }
  return peak;
}

/**
 * Slow ("low and slow") brute force: failures from one IP chained with gaps ≤ maxGapSeconds form a campaign; it fires
 * at ≥ minAttempts attempts spread over ≥ minSpanSeconds at an average ≤ maxPerMinute per minute (15 / 15 min / 2),
 * provided no burst reached the fast brute-force threshold (that one is reported by ssh_brute_force instead).
 */
export const slowBruteForce: Detector = {
  id: 'slow_brute_force',
  version: 1,
  title: 'Slow brute force',
  category: 'brute_force',
  mitre: ['T1110.001'],
  interest: { actions: [], categories: ['authentication'], fields: [], attributeKeys: [] },
  prefilter: isFailedLogin,
  lookbackSeconds: (s) => s.slowBruteForce.lookbackSeconds,
  entityOf: srcIpEntity,
  evaluate(events, settings) {
    const { maxGapSeconds, minAttempts, minSpanSeconds, maxPerMinute } = settings.slowBruteForce;
    const fast = settings.bruteForce;
    const detections: Detection[] = [];
    for (const run of gapEpisodes(events, maxGapSeconds)) {
      const first = run[0] as DetectionEvent;
      const last = run[run.length - 1] as DetectionEvent;
      const attempts = run.reduce((n, e) => n + attemptsOf(e), 0);
      const spanSeconds = (last.occurredAt.getTime() - first.occurredAt.getTime()) / 1000;
      if (attempts < minAttempts || spanSeconds < minSpanSeconds) continue;
      const perMinute = Math.round((attempts / (spanSeconds / 60)) * 100) / 100;
      const burst = peakInWindow(run, fast.windowSeconds);
      if (perMinute > maxPerMinute || burst >= fast.minFailures) continue;
      const ip = first.srcIp ?? '';
      const users = new Set(run.map((e) => e.userName ?? '')).size;
      detections.push(
        buildDetection({
          detector: slowBruteForce,
          title: `Slow brute force from ${ip}`,
          description:
            `${plural(attempts, 'failed login')} over ${Math.round(spanSeconds / 60)} min from ${ip} ` +
            `(${perMinute} per minute, at most ${burst} in any ${fast.windowSeconds} s, ${plural(users, 'username')}).`,
          severity: attempts >= minAttempts * 4 ? 'high' : 'medium',
          entity: { type: 'src_ip', value: ip },
          evidence: [
            { name: 'failed logins in the campaign', observed: attempts, threshold: minAttempts, weight: 1 },
            { name: 'campaign span (s)', observed: Math.round(spanSeconds), threshold: minSpanSeconds, weight: 0.5 },
            { name: 'failures per minute (at most)', observed: perMinute, threshold: maxPerMinute, weight: 0.5 },
          ],
          events: run,
        }),
      );
    }
    return detections;
  },
};
