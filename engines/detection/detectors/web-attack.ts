import { buildDetection, plural, srcIpEntity } from '../build.ts';
import type { Detection, DetectionEvent, DetectionSeverity, Detector } from '../types.ts';
import { classifyPayload, WEB_ATTACK_CLASSES, type WebAttackClass, type WebMatch } from '../web-patterns.ts';
import { gapEpisodes } from '../window.ts';

/** Attributes that carry the raw request (telemetry names first, then common custom/web-honeypot spellings). */
export const PAYLOAD_KEYS = [
  'httpUri',
  'path',
  'uri',
  'query',
  'query_string',
  'querystring',
  'request_uri',
  'body',
  'request_body',
  'requestBody',
  'post_data',
  'payload',
  'parameters',
  'params',
] as const;
/** Headers an attacker controls that applications log or evaluate (Shellshock, Log4Shell, SQLi in logged headers). */
export const HEADER_KEYS = ['httpUserAgent', 'httpReferrer', 'user_agent', 'referer', 'referrer'] as const;

const META: Readonly<Record<WebAttackClass, { label: string; severity: DetectionSeverity; mitre: string[] }>> = {
  sql_injection: { label: 'SQL injection', severity: 'high', mitre: ['T1190'] },
  command_injection: { label: 'Command injection', severity: 'high', mitre: ['T1190', 'T1059'] },
  path_traversal: { label: 'Path traversal', severity: 'medium', mitre: ['T1190', 'T1083'] },
  xss: { label: 'Cross-site scripting', severity: 'medium', mitre: ['T1190'] },
};

function strings(value: unknown, out: string[], depth = 0): void {
  if (typeof value === 'string') {
    if (value !== '') out.push(value);
  } else if (value !== null && typeof value === 'object' && depth < 2 && out.length < 50) {
    for (const v of Object.values(value)) strings(v, out, depth + 1);
  }
}

/** The raw payload strings of an event (url, request attributes, attacker-controlled headers), deduplicated. */
export function payloadsOf(e: DetectionEvent): string[] {
  const out: string[] = [];
  if (e.url) out.push(e.url);
  for (const key of [...PAYLOAD_KEYS, ...HEADER_KEYS]) strings(e.attributes[key], out);
  return [...new Set(out)];
}

const cache = new WeakMap<DetectionEvent, WebMatch[]>();
/** Attack classes found in an event's payloads (memoised per event object). Cowrie URLs are downloads, not requests. */
export function webMatchesOf(e: DetectionEvent): WebMatch[] {
  const cached = cache.get(e);
  if (cached) return cached;
  const found = new Map<WebAttackClass, WebMatch>();
  if (e.sourceKind !== 'cowrie') {
    for (const payload of payloadsOf(e)) for (const m of classifyPayload(payload)) if (!found.has(m.attack)) found.set(m.attack, m);
  }
  const matches = [...found.values()];
  cache.set(e, matches);
  return matches;
}

/**
 * Web attacks (SQL injection, XSS, path traversal, command injection) in the raw request of any web event
 * (Zeek/Suricata http, alerts with http, web server or honeypot records). One detection per source and attack class;
 * requests of a class closer than gapSeconds belong to the same detection; fires at ≥ minRequests requests.
 */
export const webAttack: Detector = {
  id: 'web_attack',
  version: 1,
  title: 'Web attack',
  category: 'web_attack',
  mitre: ['T1190'],
  interest: { actions: [], categories: ['web'], fields: ['url'], attributeKeys: [...PAYLOAD_KEYS, ...HEADER_KEYS] },
  prefilter: (e) => e.srcIp !== null && webMatchesOf(e).length > 0,
  lookbackSeconds: (s) => s.webAttack.gapSeconds,
  entityOf: srcIpEntity,
  evaluate(events, settings) {
    const { gapSeconds, minRequests } = settings.webAttack;
    const detections: Detection[] = [];
    for (const attack of WEB_ATTACK_CLASSES) {
      const hits = events.filter((e) => webMatchesOf(e).some((m) => m.attack === attack));
      for (const run of gapEpisodes(hits, gapSeconds)) {
        // one request is often logged twice (zeek.http and suricata.http): count distinct time + payload
        const requests = new Set(run.map((e) => `${e.occurredAt.getTime()}|${payloadsOf(e)[0] ?? ''}`)).size;
        if (requests < minRequests) continue;
        const patterns = [
          ...new Set(
            run.flatMap((e) =>
              webMatchesOf(e)
                .filter((m) => m.attack === attack)
                .map((m) => m.pattern),
            ),
          ),
        ];
        const last = run[run.length - 1] as DetectionEvent;
        const sample = (payloadsOf(last).find((p) => classifyPayload(p).some((m) => m.attack === attack)) ?? '').slice(0, 200);
        const ip = last.srcIp ?? '';
        const meta = META[attack];
        detections.push(
          buildDetection({
            detector: webAttack,
            title: `${meta.label} attempts from ${ip}`,
            description: `${plural(requests, 'request')} from ${ip} matched ${meta.label} patterns (${patterns.join(', ')}). Latest: ${sample}`,
            severity: meta.severity,
            entity: { type: 'src_ip', value: ip },
            evidence: [
              { name: `${attack} requests`, observed: requests, threshold: minRequests, weight: 1 },
              { name: 'patterns', observed: patterns.join(', '), threshold: 'any', weight: 0.5 },
              { name: 'latest payload', observed: sample, threshold: 'n/a', weight: 0 },
            ],
            events: run,
            fingerprintParts: [attack],
            mitre: meta.mitre,
          }),
        );
      }
    }
    return detections;
  },
};
