// Records shaped like real sensor output, stamped relative to now so default 24 h windows include them.

export const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
export const epochSecondsAgo = (minutes: number) => (Date.now() - minutes * 60_000) / 1000;

export function eveAlert(overrides: Record<string, unknown> = {}) {
  return {
    timestamp: minutesAgo(5),
    flow_id: 1_234_567_890_123_456,
    in_iface: 'eth0',
    event_type: 'alert',
    src_ip: '203.0.113.5',
    src_port: 51_234,
    dest_ip: '10.0.0.8',
    dest_port: 80,
    proto: 'TCP',
    alert: {
      action: 'allowed',
      gid: 1,
      signature_id: 2_100_498,
      rev: 7,
      signature: 'GPL ATTACK_RESPONSE id check returned root',
      category: 'Potentially Bad Traffic',
      severity: 1,
    },
    http: { hostname: 'intranet.example.test', url: '/cgi-bin/id', http_method: 'GET', status: 200, http_user_agent: 'curl/8.5.0' },
    ...overrides,
  };
}

/** A TLS record with JA3 as the {hash, string} object real EVE writes (it made EventSec's whole batch fail). */
export function eveTls(overrides: Record<string, unknown> = {}) {
  return {
    timestamp: minutesAgo(4),
    flow_id: 998_877,
    event_type: 'tls',
    src_ip: '10.0.0.8',
    src_port: 44_000,
    dest_ip: '198.51.100.20',
    dest_port: 443,
    proto: 'TCP',
    tls: {
      sni: 'updates.example.org',
      version: 'TLS 1.3',
      ja3: { hash: 'e7d705a3286e19ea42f587b344ee6865', string: '771,4865-4866,0-23,29-23,0' },
      ja3s: { hash: 'f4febc55ea12b31ae17cfb7e614afda8', string: '771,4865,43-51' },
    },
    ...overrides,
  };
}

export function eveDns(overrides: Record<string, unknown> = {}) {
  return {
    timestamp: minutesAgo(3),
    flow_id: 445_566,
    event_type: 'dns',
    src_ip: '10.0.0.8',
    src_port: 53_001,
    dest_ip: '10.0.0.53',
    dest_port: 53,
    proto: 'UDP',
    dns: {
      version: 2,
      type: 'answer',
      id: 7,
      rrname: 'evil.example.net',
      rrtype: 'A',
      rcode: 'NOERROR',
      answers: [{ rrname: 'evil.example.net', rrtype: 'A', rdata: '192.0.2.66' }],
    },
    ...overrides,
  };
}

export function zeekConn(overrides: Record<string, unknown> = {}) {
  return {
    _path: 'conn',
    ts: epochSecondsAgo(2),
    uid: 'CzT9Xb3nQ1pZ7w2Lk1',
    'id.orig_h': '10.0.0.9',
    'id.orig_p': 49_152,
    'id.resp_h': '192.0.2.10',
    'id.resp_p': 4444,
    proto: 'tcp',
    service: null,
    duration: 12.5,
    orig_bytes: 1200,
    resp_bytes: 88_000,
    conn_state: 'SF',
    ...overrides,
  };
}

/** Default Zeek JSON (LogAscii::use_json) has no _path: the log type is recognised from the fields. */
export function zeekDns(overrides: Record<string, unknown> = {}) {
  return {
    ts: epochSecondsAgo(1),
    uid: 'CkPq1L2mN3oR4sT5u6',
    'id.orig_h': '10.0.0.9',
    'id.orig_p': 40_000,
    'id.resp_h': '10.0.0.53',
    'id.resp_p': 53,
    proto: 'udp',
    trans_id: 4242,
    query: 'c2.example.net',
    qtype_name: 'A',
    rcode_name: 'NOERROR',
    answers: ['192.0.2.77'],
    ...overrides,
  };
}

export const sensor = (name: string, kind: 'suricata' | 'zeek' = 'suricata') => ({ name, kind, location: 'dc1-rack4' });

const cowrie = (eventid: string, minutes: number, fields: Record<string, unknown> = {}) => ({
  eventid,
  timestamp: minutesAgo(minutes),
  src_ip: '198.51.100.7',
  src_port: 50_122,
  dst_ip: '10.0.0.5',
  dst_port: 22,
  session: `s-${minutes}`,
  sensor: 'hp-1',
  ...fields,
});

const SHA = 'a'.repeat(64);
/** One attacker's Cowrie session (logins, commands, a download), a second IP's probe, and a login two days old. */
export const COWRIE_SESSION = [
  cowrie('cowrie.session.connect', 90),
  cowrie('cowrie.login.failed', 89, { username: 'root', password: '123456' }),
  cowrie('cowrie.login.failed', 88, { username: 'root', password: 'toor' }),
  cowrie('cowrie.login.failed', 87, { username: 'admin', password: '123456' }),
  cowrie('cowrie.login.success', 86, { username: 'root', password: 'root' }),
  cowrie('cowrie.command.input', 85, { input: 'uname -a' }),
  cowrie('cowrie.command.input', 84, { input: 'uname -a' }),
  cowrie('cowrie.session.file_download', 83, { url: 'http://203.0.113.50/bot.sh', shasum: SHA, outfile: 'var/lib/cowrie/downloads/x' }),
  cowrie('cowrie.session.connect', 30, { src_ip: '192.0.2.200' }),
  cowrie('cowrie.login.failed', 48 * 60, { src_ip: '192.0.2.201', username: 'pi', password: 'raspberry' }),
];
