import { ephemeralPort, suricataTime } from './format.ts';
import type { ScenarioInput, SyntheticRecord } from './types.ts';
import { ATTACK_USER_AGENTS, WEB_PAYLOADS } from './wordlists.ts';

export const WEB_SERVER_IP = '10.0.0.20';
const WEB_HOST = 'shop.example.com';

type Family = keyof typeof WEB_PAYLOADS;
const TARGETS: Readonly<Record<Family, string>> = { sqli: '/products.php?id=', xss: '/search?q=', traversal: '/download?file=' };

/**
 * Web attacks as Suricata EVE `http` records: SQL injection, XSS and path traversal payloads in the query
 * string (percent-encoded, as clients send them; traversal payloads also raw in the path), one flow each.
 */
export function webAttack({ rng, start, count, srcIp }: ScenarioInput): SyntheticRecord[] {
  const requests = count ?? 20;
  const userAgent = rng.pick(ATTACK_USER_AGENTS);
  const families = Object.keys(WEB_PAYLOADS) as Family[];
  let at = start;
  return Array.from({ length: requests }, (_, index) => {
    const family = families[index % families.length] ?? 'sqli';
    const payload = rng.pick(WEB_PAYLOADS[family]);
    const url = family === 'traversal' && rng.chance(0.5) ? `/static/${payload}` : `${TARGETS[family]}${encodeURIComponent(payload)}`;
    const status = rng.pick([200, 403, 404, 500]);
    at += rng.int(300, 1_500);
    return {
      source: 'suricata',
      record: {
        timestamp: suricataTime(at, rng),
        flow_id: rng.int(1, 2 ** 48),
        in_iface: 'eth0',
        event_type: 'http',
        src_ip: srcIp,
        src_port: ephemeralPort(rng),
        dest_ip: WEB_SERVER_IP,
        dest_port: 80,
        proto: 'TCP',
        tx_id: 0,
        http: {
          hostname: WEB_HOST,
          url,
          http_user_agent: userAgent,
          http_content_type: 'text/html',
          http_method: 'GET',
          protocol: 'HTTP/1.1',
          status,
          length: rng.int(150, 9_000),
        },
      },
    };
  });
}
