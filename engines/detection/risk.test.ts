import { describe, expect, it } from 'vitest';
import { escalationOf, intensityOf, riskScore } from './risk.ts';
import type { Detection, DetectionSeverity } from './types.ts';

function detection(
  detector: string,
  severity: DetectionSeverity,
  observed: number | string = 1,
  threshold: number | string = 1,
  weight = 1,
  key = detector,
): Detection {
  return {
    detector,
    detectorVersion: 1,
    title: detector,
    description: '',
    category: 'ids_alert',
    severity,
    entity: { type: 'src_ip', value: '198.51.100.7' },
    mitre: [],
    evidence: [{ name: 'x', observed, threshold, weight }],
    eventIds: [1],
    windowStart: new Date(0),
    windowEnd: new Date(0),
    fingerprintKey: key,
  };
}

describe('riskScore', () => {
  it('is 0 / low without detections', () => {
    expect(riskScore([])).toEqual({ score: 0, escalationLevel: 'low', contributions: [] });
  });

  it('maps one detection at its threshold to its own severity band', () => {
    expect(riskScore([detection('a', 'low')])).toMatchObject({ score: 0.1, escalationLevel: 'low' });
    expect(riskScore([detection('a', 'medium')])).toMatchObject({ score: 0.3, escalationLevel: 'medium' });
    expect(riskScore([detection('a', 'high')])).toMatchObject({ score: 0.6, escalationLevel: 'high' });
    expect(riskScore([detection('a', 'critical')])).toMatchObject({ score: 0.85, escalationLevel: 'critical' });
  });

  it('adds 25 % per doubling of the threshold, capped at +50 %, and scales by the evidence weight', () => {
    expect(intensityOf(12, 6)).toBe(1.25);
    expect(intensityOf(600, 6)).toBe(1.5);
    expect(intensityOf(3, 6)).toBe(1);
    expect(intensityOf('x', 6)).toBe(1);
    const r = riskScore([detection('brute', 'high', 12, 6)]);
    expect(r.contributions).toEqual([
      { detector: 'brute', fingerprintKey: 'brute', severity: 'high', weight: 1, observed: 12, threshold: 6, intensity: 1.25, points: 75 },
    ]);
    expect(r).toMatchObject({ score: 0.75, escalationLevel: 'high' });
    expect(riskScore([detection('cert', 'medium', 1, 1, 0.5)]).score).toBe(0.15);
  });

  it('counts each detector once (its strongest detection) and halves each further detector', () => {
    const ten = Array.from({ length: 10 }, (_, i) => detection('suricata_alert', 'medium', 1, 1, 1, `sig${i}`));
    expect(riskScore(ten).score).toBe(0.3);
    const r = riskScore([detection('a', 'medium'), detection('b', 'high'), detection('c', 'medium')]);
    expect(r.contributions.map((c) => c.detector)).toEqual(['b', 'a', 'c']);
    expect(r).toMatchObject({ score: 0.825, escalationLevel: 'high' }); // 60 + 30/2 + 30/4
    expect(riskScore([detection('a', 'high'), detection('b', 'high')])).toMatchObject({ score: 0.9, escalationLevel: 'critical' });
  });

  it('caps at 1 and is independent of input order', () => {
    const many = ['a', 'b', 'c', 'd'].map((id) => detection(id, 'critical', 100, 1));
    expect(riskScore(many).score).toBe(1);
    expect(riskScore([...many].reverse())).toEqual(riskScore(many));
  });

  it('uses the documented bands', () => {
    expect([0, 0.29, 0.3, 0.59, 0.6, 0.84, 0.85, 1].map(escalationOf)).toEqual(['low', 'low', 'medium', 'medium', 'high', 'high', 'critical', 'critical']);
  });
});
