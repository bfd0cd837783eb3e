import { describe, expect, it } from 'vitest';
import { eventFactory, iso, NOW, only } from '../../../tests/fixtures/detection-events.ts';
import { DEFAULT_DETECTION_SETTINGS as S } from '../settings.ts';
import type { DetectionEvent } from '../types.ts';
import { requestFlood } from './request-flood.ts';

const f = eventFactory();
const run = (events: DetectionEvent[]) => requestFlood.evaluate(only(events, requestFlood.prefilter), S, NOW);
/** `n` requests spread evenly over `seconds`. */
const requests = (n: number, seconds = 59) => Array.from({ length: n }, (_, i) => f.http((i * seconds) / n, `/index.html?i=${i}`));
const suricataTwin = (e: DetectionEvent) =>
  f.suricata({
    event_type: 'http',
    timestamp: e.occurredAt.toISOString(),
    src_ip: e.srcIp,
    src_port: 40000,
    dest_ip: e.dstIp,
    dest_port: e.dstPort,
    proto: 'TCP',
    http: { hostname: 'shop.example', url: '/index.html', http_method: 'GET', status: 200 },
  });

describe('request_flood', () => {
  it('fires at 150 requests to one target within 60 s, not at 149', () => {
    const [d] = run(requests(150));
    expect(d).toMatchObject({
      detector: 'request_flood',
      category: 'dos',
      severity: 'high',
      mitre: ['T1499.002'],
      fingerprintKey: 'request_flood|203.0.113.50',
    });
    expect(d?.evidence).toMatchObject([
      { observed: 150, threshold: 150 },
      { observed: 1, threshold: 0.6 },
    ]);
    expect(run(requests(149))).toEqual([]);
  });

  it('is critical from 300 requests in a window', () => {
    expect(run(requests(300))[0]?.severity).toBe('critical');
  });

  it('does not fire when 150 requests take more than a minute, or are spread over many targets', () => {
    expect(run(requests(150, 80))).toEqual([]);
    const spread = Array.from({ length: 200 }, (_, i) =>
      f.zeek({
        _path: 'http',
        ts: iso(i * 0.25),
        uid: `U${i}`,
        'id.orig_h': '203.0.113.50',
        'id.orig_p': 1,
        'id.resp_h': `192.0.2.${i % 10}`,
        'id.resp_p': 80,
        uri: '/',
      }),
    );
    expect(run(spread)).toEqual([]);
  });

  it('does not double-count a request logged by Zeek and Suricata', () => {
    const zeek = requests(150);
    const [d] = run([...zeek, ...zeek.map(suricataTwin)]);
    expect(d?.severity).toBe('high');
    expect(d?.evidence[0]?.observed).toBe(150);
  });
});
