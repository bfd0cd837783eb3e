import { ephemeralPort, suricataTime, zeekTime, zeekUid } from './format.ts';
import type { Rng } from './prng.ts';
import type { ScenarioInput, SyntheticRecord } from './types.ts';
import { BENIGN_DOMAINS, BENIGN_PATHS, BROWSER_USER_AGENTS } from './wordlists.ts';

const RESOLVER_IP = '10.0.0.2';

/** Ordinary office traffic from one workstation: DNS look-ups (Zeek dns), HTTPS sessions (Zeek conn) and page loads (Suricata http). */
export function benign({ rng, start, count, srcIp }: ScenarioInput): SyntheticRecord[] {
  let at = start;
  return Array.from({ length: count ?? 30 }, (_, index) => {
    at += rng.int(500, 5_000);
    const domain = rng.pick(BENIGN_DOMAINS);
    const serverIp = `192.0.2.${10 + BENIGN_DOMAINS.indexOf(domain)}`;
    if (index % 3 === 0) return dnsLookup(rng, at, srcIp, domain, serverIp);
    if (index % 3 === 1) return httpsSession(rng, at, srcIp, serverIp);
    return pageLoad(rng, at, srcIp, domain, serverIp);
  });
}

function dnsLookup(rng: Rng, at: number, srcIp: string, domain: string, answer: string): SyntheticRecord {
  return {
    source: 'zeek',
    record: {
      _path: 'dns',
      ts: zeekTime(at, rng),
      uid: zeekUid(rng),
      'id.orig_h': srcIp,
      'id.orig_p': ephemeralPort(rng),
      'id.resp_h': RESOLVER_IP,
      'id.resp_p': 53,
      proto: 'udp',
      trans_id: rng.int(1, 65_535),
      query: domain,
      qclass: 1,
      qclass_name: 'C_INTERNET',
      qtype: 1,
      qtype_name: 'A',
      rcode: 0,
      rcode_name: 'NOERROR',
      AA: false,
      TC: false,
      RD: true,
      RA: true,
      Z: 0,
      answers: [answer],
      TTLs: [300],
      rejected: false,
    },
  };
}

function httpsSession(rng: Rng, at: number, srcIp: string, serverIp: string): SyntheticRecord {
  return {
    source: 'zeek',
    record: {
      _path: 'conn',
      ts: zeekTime(at, rng),
      uid: zeekUid(rng),
      'id.orig_h': srcIp,
      'id.orig_p': ephemeralPort(rng),
      'id.resp_h': serverIp,
      'id.resp_p': 443,
      proto: 'tcp',
      service: 'ssl',
      duration: rng.int(200, 30_000) / 1000,
      orig_bytes: rng.int(500, 5_000),
      resp_bytes: rng.int(2_000, 200_000),
      conn_state: 'SF',
      local_orig: true,
      local_resp: false,
      missed_bytes: 0,
      history: 'ShADadFf',
    },
  };
}

function pageLoad(rng: Rng, at: number, srcIp: string, domain: string, serverIp: string): SyntheticRecord {
  return {
    source: 'suricata',
    record: {
      timestamp: suricataTime(at, rng),
      flow_id: rng.int(1, 2 ** 48),
      in_iface: 'eth0',
      event_type: 'http',
      src_ip: srcIp,
      src_port: ephemeralPort(rng),
      dest_ip: serverIp,
      dest_port: 80,
      proto: 'TCP',
      tx_id: 0,
      http: {
        hostname: domain,
        url: rng.pick(BENIGN_PATHS),
        http_user_agent: rng.pick(BROWSER_USER_AGENTS),
        http_content_type: 'text/html',
        http_method: 'GET',
        protocol: 'HTTP/1.1',
        status: 200,
        length: rng.int(500, 50_000),
      },
    },
  };
}
