import { buildDetection, srcIpEntity } from '../build.ts';
import type { DetectionEvent, Detector } from '../types.ts';
import { Counter, slidingEpisodes } from '../window.ts';

export const HTTP_REQUEST_ACTIONS = ['zeek.http', 'suricata.http'] as const;
const ACTIONS = new Set<string>(HTTP_REQUEST_ACTIONS);

type Peak = { requests: number; concentration: number; target: string };

const targetOf = (e: DetectionEvent) => `${e.dstIp ?? '?'}:${e.dstPort ?? '?'}`;

/**
 * HTTP request flood: ≥ minRequests requests from one source within windowSeconds (150 in 60 s, 2.5/s), with
 * ≥ minConcentration of them to one destination ip:port; ≥ criticalRequests is critical. Counted per sensor type
 * (the larger of the Zeek and Suricata counts), so a request logged by both sensors is not counted twice.
 */
export const requestFlood: Detector = {
  id: 'request_flood',
  version: 1,
  title: 'HTTP request flood',
  category: 'dos',
  mitre: ['T1499.002'],
  interest: { actions: HTTP_REQUEST_ACTIONS, categories: ['web'], fields: [], attributeKeys: [] },
  prefilter: (e) => e.srcIp !== null && (ACTIONS.has(e.action) || (e.category === 'web' && e.kind === 'event')),
  lookbackSeconds: (s) => s.requestFlood.windowSeconds,
  entityOf: srcIpEntity,
  evaluate(events, settings) {
    const { windowSeconds, minRequests, criticalRequests, minConcentration } = settings.requestFlood;
    const bySensor = new Counter<string>();
    const byTarget = new Counter<string>();
    const tracker = {
      add: (e: DetectionEvent) => {
        bySensor.add(e.sourceKind);
        byTarget.add(`${e.sourceKind}|${targetOf(e)}`);
      },
      remove: (e: DetectionEvent) => {
        bySensor.remove(e.sourceKind);
        byTarget.remove(`${e.sourceKind}|${targetOf(e)}`);
      },
      measure: (): Peak | null => {
        let sensor = '';
        let requests = 0;
        for (const [kind, n] of bySensor.counts) if (n > requests) [sensor, requests] = [kind, n];
        if (requests < minRequests) return null;
        let target = '';
        let top = 0;
        for (const [key, n] of byTarget.counts) if (key.startsWith(`${sensor}|`) && n > top) [target, top] = [key.slice(sensor.length + 1), n];
        const concentration = Math.round((top / requests) * 1000) / 1000;
        return concentration >= minConcentration ? { requests, concentration, target } : null;
      },
    };
    const episodes = slidingEpisodes(events, windowSeconds, tracker, (a, b) => a.requests > b.requests);
    return episodes.map((ep) => {
      const run = events.slice(ep.first, ep.last + 1);
      const ip = (run[0] as DetectionEvent).srcIp ?? '';
      const rate = Math.round((ep.peak.requests / windowSeconds) * 100) / 100;
      return buildDetection({
        detector: requestFlood,
        title: `HTTP request flood from ${ip} against ${ep.peak.target}`,
        description:
          `${ep.peak.requests} HTTP requests within ${windowSeconds} s from ${ip} (${rate}/s), ` +
          `${Math.round(ep.peak.concentration * 100)} % of them to ${ep.peak.target}.`,
        severity: ep.peak.requests >= criticalRequests ? 'critical' : 'high',
        entity: { type: 'src_ip', value: ip },
        evidence: [
          { name: `HTTP requests in ${windowSeconds} s`, observed: ep.peak.requests, threshold: minRequests, weight: 1 },
          { name: 'share to one target', observed: ep.peak.concentration, threshold: minConcentration, weight: 0.5 },
        ],
        events: run,
      });
    });
  },
};
