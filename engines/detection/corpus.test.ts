import { expect, it } from 'vitest';
import { describeWithCorpus, lazy, readCorpus } from '../../tests/fixtures/corpus.ts';
import { NOW, toDetectionEvent } from '../../tests/fixtures/detection-events.ts';
import { detectSource, parseRecord } from '../telemetry/index.ts';
import { runDetectors } from './index.ts';
import { DEFAULT_DETECTION_SETTINGS as S } from './settings.ts';
import { classifyPayload } from './web-patterns.ts';

// Mini-XDR's labelled sample (read at run time, never copied): Cowrie failures, web-honeypot requests, IDS alerts
const DATASET = 'minixdr/combined_cybersecurity_dataset.jsonl';

describeWithCorpus('Mini-XDR combined dataset', () => {
  const loadRecords = lazy(() =>
    readCorpus(DATASET)
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>),
  );

  it('classifies every labelled web payload as its label and none of the admin-page probes', () => {
    const records = loadRecords();
    const web = records.filter((r) => r.eventid === 'webhoneypot.request') as { path: string; raw: { attack_type: string } }[];
    const misses = web.filter((r) => r.raw.attack_type !== 'admin_scan' && !classifyPayload(r.path).some((m) => m.attack === r.raw.attack_type));
    const falsePositives = web.filter((r) => r.raw.attack_type === 'admin_scan' && classifyPayload(r.path).length > 0);
    expect(web).toHaveLength(125);
    expect(misses.map((r) => r.path)).toEqual([]);
    expect(falsePositives.map((r) => r.path)).toEqual([]);
  });

  it('finds the slow SSH campaigns and the web attackers once the records go through the real parsers', () => {
    const records = loadRecords();
    const events = records.flatMap((record, i) => {
      const parsed = parseRecord(detectSource(record), record, { receivedAt: NOW });
      return parsed.ok ? [toDetectionEvent(parsed.event, i + 1)] : [];
    });
    expect(events).toHaveLength(records.length);
    const found = runDetectors(events, S, NOW);
    const count = (detector: string) => found.filter((d) => d.detector === detector).length;
    // the failures are ~1.5 min apart: never 6 in 60 s, but ≥ 15 over ≥ 15 min from each of the 5 attacking IPs
    expect(count('ssh_brute_force')).toBe(0);
    expect(count('slow_brute_force')).toBe(5);
    // 5 web clients × (SQL injection, XSS, path traversal)
    expect(count('web_attack')).toBe(15);
    expect(found.every((d) => d.eventIds.length > 0 && d.fingerprintKey.startsWith(`${d.detector}|`))).toBe(true);
  });
});
