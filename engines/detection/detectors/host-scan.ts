import { buildDetection, srcIpEntity } from '../build.ts';
import { CONNECTION_ACTIONS, isConnection, isProbe } from '../connections.ts';
import type { DetectionEvent, Detector } from '../types.ts';
import { NestedCounter, slidingEpisodes } from '../window.ts';

type Peak = { hosts: number; port: string };

/**
 * Host scan (horizontal sweep): one source probes ≥ minDistinctHosts distinct destination hosts on the same port
 * within windowSeconds (25 in 5 min, Zeek's addr_scan_threshold). Only connections that were not established count,
 * so a busy client (browser, resolver) reaching many servers is not a scan.
 */
export const hostScan: Detector = {
  id: 'host_scan',
  version: 1,
  title: 'Host scan',
  category: 'reconnaissance',
  mitre: ['T1046', 'T1018'],
  interest: { actions: CONNECTION_ACTIONS, categories: [], fields: [], attributeKeys: [] },
  prefilter: (e) => isConnection(e) && isProbe(e),
  lookbackSeconds: (s) => s.hostScan.windowSeconds,
  entityOf: srcIpEntity,
  evaluate(events, settings) {
    const { windowSeconds, minDistinctHosts } = settings.hostScan;
    const hostsByPort = new NestedCounter(minDistinctHosts);
    const portOf = (e: DetectionEvent) => (e.dstPort === null ? 'any' : String(e.dstPort));
    const tracker = {
      add: (e: DetectionEvent) => hostsByPort.add(portOf(e), e.dstIp ?? ''),
      remove: (e: DetectionEvent) => hostsByPort.remove(portOf(e), e.dstIp ?? ''),
      measure: (): Peak | null => {
        let best: Peak | null = null;
        for (const port of hostsByPort.qualifying) {
          const hosts = hostsByPort.sizeOf(port);
          if (best === null || hosts > best.hosts || (hosts === best.hosts && port < best.port)) best = { hosts, port };
        }
        return best;
      },
    };
    const episodes = slidingEpisodes(events, windowSeconds, tracker, (a, b) => a.hosts > b.hosts);
    return episodes.map((ep) => {
      const run = events.slice(ep.first, ep.last + 1);
      const ip = (run[0] as DetectionEvent).srcIp ?? '';
      const allHosts = new Set(run.map((e) => e.dstIp)).size;
      return buildDetection({
        detector: hostScan,
        title: `Host scan from ${ip} on port ${ep.peak.port}`,
        description:
          `${ep.peak.hosts} distinct hosts probed on port ${ep.peak.port} within ${windowSeconds} s from ${ip} ` + `(${allHosts} hosts over the whole sweep).`,
        severity: ep.peak.hosts >= minDistinctHosts * 10 ? 'high' : 'medium',
        entity: { type: 'src_ip', value: ip },
        evidence: [
          { name: `distinct hosts on one port in ${windowSeconds} s`, observed: ep.peak.hosts, threshold: minDistinctHosts, weight: 1 },
          { name: 'swept port (peak)', observed: ep.peak.port, threshold: 'one port', weight: 0 },
          { name: 'distinct hosts over the sweep', observed: allHosts, threshold: minDistinctHosts, weight: 0.5 },
        ],
        events: run,
      });
    });
  },
};
