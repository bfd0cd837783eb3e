const UNIT_SECONDS = { d: 86_400, h: 3_600, m: 60, s: 1 } as const;
type Unit = keyof typeof UNIT_SECONDS;
const isUnit = (value: string): value is Unit => Object.hasOwn(UNIT_SECONDS, value);

/**
 * A KQL timespan literal of whole units (`30s`, `15m`, `1h`, `7d`) as seconds; null for anything else. Read by hand,
 * not by a regex: the text comes from the caller.
 */
export function parseTimespan(text: string): number | null {
  const trimmed = text.trim().toLowerCase();
  const unit = trimmed.slice(-1);
  const digits = trimmed.slice(0, -1);
  if (!isUnit(unit) || digits.length === 0 || digits.length > 9) return null;
  for (const char of digits) if (char < '0' || char > '9') return null;
  return Number(digits) * UNIT_SECONDS[unit];
}

/** Seconds as the largest whole KQL unit: 3600 → `1h`, 5400 → `90m`. */
export function formatTimespan(seconds: number): string {
  for (const unit of ['d', 'h', 'm'] as const) if (seconds % UNIT_SECONDS[unit] === 0) return `${seconds / UNIT_SECONDS[unit]}${unit}`;
  return `${seconds}s`;
}
