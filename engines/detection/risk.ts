import type { Detection, DetectionSeverity } from './types.ts';

/**
 * Transparent, deterministic risk score for one entity's detections (no ML, no hidden confidence).
 *
 *   For each detection d, with its primary evidence e = d.evidence[0] (the firing criterion):
 *     base(d)      = SEVERITY_POINTS[d.severity]            low 10 · medium 30 · high 60 · critical 85
 *     intensity(d) = min(1.5, 1 + 0.25 · log2(observed / threshold))   if both are numbers and observed ≥ threshold > 0,
 *                    else 1                                  (each doubling of the threshold adds 25 %, at most +50 %)
 *     points(d)    = base(d) · e.weight · intensity(d)
 *   Per detector only its highest-scoring detection counts (ten alerts of one signature are one signal).
 *   Contributions sorted by points (descending; ties by detector id) are combined with halving returns:
 *     total = p1 + p2 / 2 + p3 / 4 + …
 *   score = min(1, total / 100), rounded to 3 decimals.
 *
 * Escalation bands on the score: ≥ 0.85 critical, ≥ 0.60 high, ≥ 0.30 medium, else low. A single detection with
 * weight 1 at its threshold therefore maps to its own severity; stronger or additional evidence raises it.
 */
export const SEVERITY_POINTS: Readonly<Record<DetectionSeverity, number>> = { low: 10, medium: 30, high: 60, critical: 85 };
export const ESCALATION_BANDS: ReadonlyArray<readonly [number, DetectionSeverity]> = [
  [0.85, 'critical'],
  [0.6, 'high'],
  [0.3, 'medium'],
];
export const MAX_INTENSITY = 1.5;

export type RiskContribution = {
  detector: string;
  fingerprintKey: string;
  severity: DetectionSeverity;
  weight: number;
  observed: number | string;
  threshold: number | string;
  intensity: number;
  /** Points before the halving: base · weight · intensity. */
  points: number;
};
export type RiskScore = { score: number; escalationLevel: DetectionSeverity; contributions: RiskContribution[] };

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

export function intensityOf(observed: number | string, threshold: number | string): number {
  if (typeof observed !== 'number' || typeof threshold !== 'number' || threshold <= 0 || observed < threshold) return 1;
  return Math.min(MAX_INTENSITY, 1 + 0.25 * Math.log2(observed / threshold));
}

export function contributionOf(d: Detection): RiskContribution {
  const e = d.evidence[0] ?? { observed: 1, threshold: 1, weight: 1 };
  const weight = Math.min(1, Math.max(0, e.weight));
  const intensity = round(intensityOf(e.observed, e.threshold), 3);
  return {
    detector: d.detector,
    fingerprintKey: d.fingerprintKey,
    severity: d.severity,
    weight,
    observed: e.observed,
    threshold: e.threshold,
    intensity,
    points: round(SEVERITY_POINTS[d.severity] * weight * intensity, 2),
  };
}

export function escalationOf(score: number): DetectionSeverity {
  return ESCALATION_BANDS.find(([min]) => score >= min)?.[1] ?? 'low';
}

export function riskScore(detections: readonly Detection[]): RiskScore {
  const best = new Map<string, RiskContribution>();
  for (const d of detections) {
    const c = contributionOf(d);
    const current = best.get(c.detector);
    if (!current || c.points > current.points || (c.points === current.points && c.fingerprintKey < current.fingerprintKey)) {
      best.set(c.detector, c);
    }
  }
  const contributions = [...best.values()].sort((a, b) => b.points - a.points || (a.detector < b.detector ? -1 : 1));
  const total = contributions.reduce((sum, c, i) => sum + c.points / 2 ** i, 0);
  const score = round(Math.min(1, total / 100), 3);
  return { score, escalationLevel: escalationOf(score), contributions };
}
