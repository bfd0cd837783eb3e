import { SEVERITY, type Severity } from './event.ts';
import { num } from './fields.ts';

/**
 * Source severities → the 0–4 scale (0 info, 1 low, 2 medium, 3 high, 4 critical).
 * Suricata alert.severity is a priority: 1 is the most severe. 1 → 3 high, 2 → 2 medium, 3 → 1 low, ≥4 → 0 info.
 * A missing/invalid value maps to 1 low, because Suricata's own default priority for rules without one is 3.
 */
export function fromSuricataPriority(value: unknown): Severity {
  const priority = num(value);
  if (priority === null || !Number.isInteger(priority) || priority < 1) return SEVERITY.low;
  if (priority === 1) return SEVERITY.high;
  if (priority === 2) return SEVERITY.medium;
  if (priority === 3) return SEVERITY.low;
  return SEVERITY.info;
}

const WORDS: Record<string, Severity> = {
  info: 0,
  informational: 0,
  information: 0,
  debug: 0,
  notice: 0,
  low: 1,
  warning: 1,
  warn: 1,
  medium: 2,
  moderate: 2,
  error: 2,
  high: 3,
  severe: 3,
  critical: 4,
  crit: 4,
};

/** EventSec-style words (info/low/medium/high/critical and common synonyms), or an integer already on 0–4. */
export function fromWordOrScale(value: unknown): Severity | null {
  if (typeof value === 'string') {
    const word = WORDS[value.trim().toLowerCase()];
    if (word !== undefined) return word;
  }
  const n = num(value);
  if (n !== null && Number.isInteger(n) && n >= 0 && n <= 4) return n as Severity;
  return null;
}

/** Wazuh rule.level 0–15, with EventSec's thresholds: ≥13 critical, ≥10 high, ≥5 medium, otherwise low. */
export function fromWazuhLevel(value: unknown): Severity {
  const level = num(value) ?? 0;
  if (level >= 13) return SEVERITY.critical;
  if (level >= 10) return SEVERITY.high;
  if (level >= 5) return SEVERITY.medium;
  return SEVERITY.low;
}

/** RFC 5424 severity 0 (emergency) … 7 (debug). System health, not threat: nothing maps to critical. */
export function fromSyslogSeverity(code: number): Severity {
  if (code <= 2) return SEVERITY.high;
  if (code === 3) return SEVERITY.medium;
  if (code === 4) return SEVERITY.low;
  return SEVERITY.info;
}

/** EventSec threat-map severity 1–10: 9–10 critical, 7–8 high (their "major"), 4–6 medium, 1–3 low. */
export function fromTenPointScale(value: unknown): Severity {
  const n = num(value);
  if (n === null || n < 1) return SEVERITY.info;
  if (n >= 9) return SEVERITY.critical;
  if (n >= 7) return SEVERITY.high;
  if (n >= 4) return SEVERITY.medium;
  return SEVERITY.low;
}
