import { describe, expect, it } from 'vitest';
import { eventFactory, NOW, only } from '../../tests/fixtures/detection-events.ts';
import { cryptomining } from './detectors/cryptomining.ts';
import { ransomware } from './detectors/ransomware.ts';
import { webAttack } from './detectors/web-attack.ts';
import { DEFAULT_DETECTION_SETTINGS as S } from './settings.ts';
import type { DetectionEvent, Detector } from './types.ts';
import { classifyPayload } from './web-patterns.ts';

const f = eventFactory();
const evaluate = (detector: Detector, events: DetectionEvent[]) => detector.evaluate(only(events, detector.prefilter), S, NOW);
const onCowrie = (detector: Detector, input: string) => evaluate(detector, [f.cowrie('cowrie.command.input', 0, { input })]);

// payloads used to be cut at 4,096 characters and command lines at 8,192 before matching
describe('padding never hides a match', () => {
  it('raises web_attack for SQL injection after a 4,100-character parameter', () => {
    const uri = `/search?pad=${'a'.repeat(4100)}&q=1' OR '1'='1`;
    expect(classifyPayload(uri).map((m) => m.attack)).toContain('sql_injection');
    const [d, ...rest] = evaluate(webAttack, [f.http(0, uri)]);
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ detector: 'web_attack', severity: 'high', fingerprintKey: 'web_attack|sql_injection|203.0.113.50' });
  });

  it('finds an attack after 60 kB of encoded padding', () => {
    expect(classifyPayload(`/s?pad=${'%20'.repeat(20_000)}&q=<script>alert(1)</script>`).map((m) => m.attack)).toEqual(['xss']);
  });

  it('finds padded attributes and padded traversal steps (the old patterns stopped after 512 and 200 characters)', () => {
    expect(classifyPayload(`/s?q=<img${' '.repeat(600)}src=x onerror=alert(1)>`).map((m) => m.attack)).toContain('xss');
    expect(classifyPayload(`/f?p=../${'./'.repeat(150)}etc/passwd`).map((m) => m.attack)).toEqual(['path_traversal']);
  });

  it('matches a ransomware command after more than 8,192 characters of command line', () => {
    const input = `echo ${'A'.repeat(9000)}; vssadmin.exe delete shadows /all /quiet`;
    expect(input.length).toBeGreaterThan(8192);
    expect(onCowrie(ransomware, input)).toMatchObject([{ detector: 'ransomware', severity: 'critical' }]);
  });

  it('matches a miner after more than 8,192 characters of command line', () => {
    const input = `true ${' '.repeat(8200)}&& ./xmrig -o stratum+tcp://pool.example:3333 -u wallet`;
    expect(onCowrie(cryptomining, input)).toMatchObject([{ detector: 'cryptomining', severity: 'high' }]);
  });
});
