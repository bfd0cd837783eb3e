import { buildDetection, srcIpEntity } from '../build.ts';
import { CONNECTION_ACTIONS, isConnection, isProbe } from '../connections.ts';
import type { DetectionEvent, Detector } from '../types.ts';
import { NestedCounter, slidingEpisodes } from '../window.ts';

type Peak = { ports: number; host: string };

/**
 * Port scan (vertical): one source probes ≥ minDistinctPorts distinct ports of one destination host within
 * windowSeconds (15 in 5 min, Zeek's scan.zeek defaults). Only connections that were not established count
 * (see connections.ts), so a client using many services of one server is not a scan.
 */
export const portScan: Detector = {
  id: 'port_scan',
  version: 1,
  title: 'Port scan',
  category: 'reconnaissance',
  mitre: ['T1046'],
  interest: { actions: CONNECTION_ACTIONS, categories: [], fields: [], attributeKeys: [] },
  prefilter: (e) => isConnection(e) && e.dstPort !== null && isProbe(e),
  lookbackSeconds: (s) => s.portScan.windowSeconds,
  entityOf: srcIpEntity,
  evaluate(events, settings) {
    const { windowSeconds, minDistinctPorts } = settings.portScan;
    const portsByHost = new NestedCounter(minDistinctPorts);
    const tracker = {
      add: (e: DetectionEvent) => portsByHost.add(e.dstIp ?? '', String(e.dstPort)),
      remove: (e: DetectionEvent) => portsByHost.remove(e.dstIp ?? '', String(e.dstPort)),
      measure: (): Peak | null => {
        let best: Peak | null = null;
        for (const host of portsByHost.qualifying) {
          const ports = portsByHost.sizeOf(host);
          if (best === null || ports > best.ports || (ports === best.ports && host < best.host)) best = { ports, host };
        }
        return best;
      },
    };
    const episodes = slidingEpisodes(events, windowSeconds, tracker, (a, b) => a.ports > b.ports);
    return episodes.map((ep) => {
      const run = events.slice(ep.first, ep.last + 1);
      const ip = (run[0] as DetectionEvent).srcIp ?? '';
      const allPorts = new Set(run.map((e) => e.dstPort)).size;
      const hosts = new Set(run.map((e) => e.dstIp)).size;
      return buildDetection({
        detector: portScan,
        title: `Port scan from ${ip}`,
        description:
          `${ep.peak.ports} distinct ports of ${ep.peak.host} probed within ${windowSeconds} s from ${ip} ` +
          `(${allPorts} ports on ${hosts} host(s) over the whole scan).`,
        severity: ep.peak.ports >= minDistinctPorts * 10 ? 'high' : 'medium',
        entity: { type: 'src_ip', value: ip },
        evidence: [
          { name: `distinct ports on one host in ${windowSeconds} s`, observed: ep.peak.ports, threshold: minDistinctPorts, weight: 1 },
          { name: 'scanned host (peak)', observed: ep.peak.host, threshold: 'one host', weight: 0 },
          { name: 'distinct ports over the scan', observed: allPorts, threshold: minDistinctPorts, weight: 0.5 },
        ],
        events: run,
      });
    });
  },
};
