import { describe, expect, it } from 'vitest';
import { eventFactory, iso, NOW, only } from '../../../tests/fixtures/detection-events.ts';
import { DEFAULT_DETECTION_SETTINGS as S } from '../settings.ts';
import type { DetectionEvent } from '../types.ts';
import { hostScan } from './host-scan.ts';
import { portScan } from './port-scan.ts';

const f = eventFactory();
const ports = (n: number, step = 2, state = 'S0', dst = '192.0.2.20') =>
  Array.from({ length: n }, (_, i) => f.conn(i * step, '203.0.113.9', dst, 1000 + i, state));
const hosts = (n: number, state = 'S0', port = 22) => Array.from({ length: n }, (_, i) => f.conn(i * 2, '203.0.113.9', `10.0.0.${i + 1}`, port, state));
const scanPorts = (events: DetectionEvent[]) => portScan.evaluate(only(events, portScan.prefilter), S, NOW);
const scanHosts = (events: DetectionEvent[]) => hostScan.evaluate(only(events, hostScan.prefilter), S, NOW);

describe('port_scan', () => {
  it('fires at 15 distinct ports of one host within 5 min, not at 14', () => {
    const [d] = scanPorts(ports(15));
    expect(d).toMatchObject({ detector: 'port_scan', category: 'reconnaissance', mitre: ['T1046'], fingerprintKey: 'port_scan|203.0.113.9' });
    expect(d?.evidence.slice(0, 2)).toMatchObject([
      { observed: 15, threshold: 15 },
      { observed: '192.0.2.20', threshold: 'one host' },
    ]);
    expect(scanPorts(ports(14))).toEqual([]);
  });

  it('does not fire when the 15 ports take longer than 5 min', () => {
    expect(scanPorts(ports(15, 22))).toEqual([]); // 308 s
  });

  it('ignores established connections (a client using many services is not a scan)', () => {
    expect(scanPorts(ports(20, 2, 'SF'))).toEqual([]);
    expect(scanPorts(ports(20, 2, 'REJ'))).toHaveLength(1);
  });

  it('counts ports per destination host, not across hosts', () => {
    expect(scanPorts(Array.from({ length: 20 }, (_, i) => f.conn(i, '203.0.113.9', `10.0.1.${i}`, 2000 + i)))).toEqual([]);
  });

  it('reads Suricata flows that got at most one packet back', () => {
    const flow = (i: number, back: number) =>
      f.suricata({
        event_type: 'flow',
        timestamp: iso(i),
        src_ip: '203.0.113.9',
        src_port: 40000,
        dest_ip: '192.0.2.20',
        dest_port: 3000 + i,
        proto: 'TCP',
        flow: { pkts_toserver: 1, pkts_toclient: back, state: back > 1 ? 'established' : 'closed' },
      });
    expect(scanPorts(Array.from({ length: 15 }, (_, i) => flow(i, 1)))).toHaveLength(1);
    expect(scanPorts(Array.from({ length: 15 }, (_, i) => flow(i, 12)))).toEqual([]);
  });
});

describe('host_scan', () => {
  it('fires at 25 hosts on one port within 5 min, not at 24', () => {
    const [d] = scanHosts(hosts(25));
    expect(d).toMatchObject({ detector: 'host_scan', title: 'Host scan from 203.0.113.9 on port 22', mitre: ['T1046', 'T1018'] });
    expect(d?.evidence[0]).toMatchObject({ observed: 25, threshold: 25 });
    expect(scanHosts(hosts(24))).toEqual([]);
  });

  it('ignores established connections and spreads over different ports', () => {
    expect(scanHosts(hosts(30, 'SF'))).toEqual([]);
    expect(scanHosts(Array.from({ length: 30 }, (_, i) => f.conn(i, '203.0.113.9', `10.0.0.${i + 1}`, 100 + i)))).toEqual([]);
  });
});
