import { ephemeralPort, zeekTime, zeekUid } from './format.ts';
import type { ScenarioInput, SyntheticRecord } from './types.ts';
import { SCAN_PORTS } from './wordlists.ts';

export const SCAN_TARGET_IP = '10.0.0.30';

/**
 * A TCP SYN scan of one host, seen as Zeek conn records: one connection per distinct port (the well-known
 * ports first, then random ones), 5–40 ms apart; closed ports answer RST (`REJ`), filtered ones nothing (`S0`).
 */
export function portScan({ rng, start, count, srcIp }: ScenarioInput): SyntheticRecord[] {
  const ports = distinctPorts(rng, Math.min(count ?? 100, 65_535));
  const srcPort = ephemeralPort(rng);
  let at = start;
  return ports.map((port) => {
    const filtered = rng.chance(0.3);
    at += rng.int(5, 40);
    return {
      source: 'zeek',
      record: {
        _path: 'conn',
        ts: zeekTime(at, rng),
        uid: zeekUid(rng),
        'id.orig_h': srcIp,
        'id.orig_p': srcPort,
        'id.resp_h': SCAN_TARGET_IP,
        'id.resp_p': port,
        proto: 'tcp',
        conn_state: filtered ? 'S0' : 'REJ',
        local_orig: false,
        local_resp: true,
        missed_bytes: 0,
        history: filtered ? 'S' : 'Sr',
        orig_pkts: 1,
        orig_ip_bytes: 44,
        resp_pkts: filtered ? 0 : 1,
        resp_ip_bytes: filtered ? 0 : 40,
      },
    };
  });
}

function distinctPorts(rng: ScenarioInput['rng'], wanted: number): number[] {
  const chosen = new Set<number>(SCAN_PORTS.slice(0, wanted));
  while (chosen.size < wanted) chosen.add(rng.int(1, 65_535));
  return rng.shuffle([...chosen]);
}
