import { eventCountKey, LEVELS, levelRank, type TriggerFacts } from './facts.ts';

/** Mini-XDR's condition keys. Anything else is refused on save (Mini-XDR ignored unknown keys silently). */
export const CONDITION_KEYS = [
  'threat_category',
  'threat_category_in',
  'threat_category_pattern',
  'escalation_level',
  'escalation_level_min',
  'event_type',
  'threshold',
  'window_seconds',
  'risk_score_min',
  'pattern_match',
  'source',
] as const;
export type ConditionKey = (typeof CONDITION_KEYS)[number];

export const DEFAULT_WINDOW_SECONDS = 600;
export const MAX_WINDOW_SECONDS = 7 * 86_400;
export const MAX_THRESHOLD = 100_000;
const MAX_TEXT = 500;
const MAX_LIST = 50;

export type ConditionIssue = { path: string; message: string };

/** Conditions after validation: every value in the shape its test needs. */
export type ParsedConditions = {
  threatCategory?: string[];
  threatCategoryIn?: string[];
  threatCategoryPattern?: string;
  escalationLevel?: string[];
  escalationLevelMin?: string;
  eventCount?: { eventType: string; threshold: number; windowSeconds: number };
  riskScoreMin?: number;
  patternMatch?: string;
  source?: string[];
};

type Reader = { issues: ConditionIssue[]; path: (key: string) => string };

function text(r: Reader, key: string, value: unknown): string | undefined {
  if (typeof value !== 'string' || value.trim() === '') return void r.issues.push({ path: r.path(key), message: 'must be a non-empty string' });
  if (value.length > MAX_TEXT) return void r.issues.push({ path: r.path(key), message: `must be at most ${MAX_TEXT} characters` });
  return value.trim();
}

function textList(r: Reader, key: string, value: unknown, scalarAllowed: boolean): string[] | undefined {
  if (scalarAllowed && typeof value === 'string') {
    const one = text(r, key, value);
    return one === undefined ? undefined : [one];
  }
  if (!Array.isArray(value) || value.length === 0 || value.length > MAX_LIST) {
    return void r.issues.push({ path: r.path(key), message: `must be ${scalarAllowed ? 'a string or ' : ''}a list of 1 to ${MAX_LIST} strings` });
  }
  const items = value.map((item, index) => text(r, `${key}.${index}`, item));
  return items.every((item) => item !== undefined) ? (items as string[]) : undefined;
}

function level(r: Reader, key: string, value: unknown): string | undefined {
  const word = text(r, key, value)?.toLowerCase();
  if (word === undefined) return undefined;
  if (!(LEVELS as readonly string[]).includes(word)) return void r.issues.push({ path: r.path(key), message: `must be one of ${LEVELS.join(', ')}` });
  return word;
}

function integer(r: Reader, key: string, value: unknown, min: number, max: number): number | undefined {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    return void r.issues.push({ path: r.path(key), message: `must be an integer from ${min} to ${max}` });
  }
  return value;
}

/**
 * Validates a trigger's conditions (a flat object; every key must hold). Unknown keys and malformed values are
 * issues naming `conditions.<key>`; the result is null when there is any.
 */
export function parseConditions(conditions: unknown): { parsed: ParsedConditions | null; issues: ConditionIssue[] } {
  const r: Reader = { issues: [], path: (key) => `conditions.${key}` };
  if (typeof conditions !== 'object' || conditions === null || Array.isArray(conditions)) {
    return { parsed: null, issues: [{ path: 'conditions', message: 'must be an object of condition keys' }] };
  }
  const c = conditions as Record<string, unknown>;
  for (const key of Object.keys(c)) {
    if (!(CONDITION_KEYS as readonly string[]).includes(key)) {
      r.issues.push({ path: r.path(key), message: `unknown condition key '${key}' (known: ${CONDITION_KEYS.join(', ')}; use expression for anything else)` });
    }
  }
  const parsed: ParsedConditions = {};
  const has = (key: ConditionKey) => Object.hasOwn(c, key) && c[key] !== undefined;
  if (has('threat_category')) parsed.threatCategory = textList(r, 'threat_category', c.threat_category, true);
  if (has('threat_category_in')) parsed.threatCategoryIn = textList(r, 'threat_category_in', c.threat_category_in, false);
  if (has('threat_category_pattern')) parsed.threatCategoryPattern = text(r, 'threat_category_pattern', c.threat_category_pattern);
  if (has('escalation_level')) {
    const words = typeof c.escalation_level === 'string' ? [c.escalation_level] : c.escalation_level;
    const levels =
      Array.isArray(words) && words.length > 0
        ? words.map((word, index) => level(r, `escalation_level${Array.isArray(c.escalation_level) ? `.${index}` : ''}`, word))
        : undefined;
    if (!levels) r.issues.push({ path: r.path('escalation_level'), message: 'must be a level or a list of levels' });
    else if (levels.every((word) => word !== undefined)) parsed.escalationLevel = levels as string[];
  }
  if (has('escalation_level_min')) parsed.escalationLevelMin = level(r, 'escalation_level_min', c.escalation_level_min);
  if (has('event_type')) {
    const eventType = text(r, 'event_type', c.event_type);
    const threshold = has('threshold') ? integer(r, 'threshold', c.threshold, 1, MAX_THRESHOLD) : 1;
    const windowSeconds = has('window_seconds') ? integer(r, 'window_seconds', c.window_seconds, 1, MAX_WINDOW_SECONDS) : DEFAULT_WINDOW_SECONDS;
    if (eventType !== undefined && threshold !== undefined && windowSeconds !== undefined) parsed.eventCount = { eventType, threshold, windowSeconds };
  } else {
    for (const key of ['threshold', 'window_seconds'] as const) {
      if (has(key)) r.issues.push({ path: r.path(key), message: 'needs event_type (threshold and window_seconds count events of one type)' });
    }
  }
  if (has('risk_score_min')) {
    const value = c.risk_score_min;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 1) {
      r.issues.push({ path: r.path('risk_score_min'), message: 'must be a number from 0 to 1 (risk scores run 0–1)' });
    } else parsed.riskScoreMin = value;
  }
  if (has('pattern_match')) parsed.patternMatch = text(r, 'pattern_match', c.pattern_match);
  if (has('source')) parsed.source = textList(r, 'source', c.source, true);
  return r.issues.length > 0 ? { parsed: null, issues: r.issues } : { parsed, issues: [] };
}

/** The event count an evaluation needs (the service counts it with a bounded, time-ranged query), if any. */
export function neededEventCount(parsed: ParsedConditions): { eventType: string; windowSeconds: number } | null {
  return parsed.eventCount ? { eventType: parsed.eventCount.eventType, windowSeconds: parsed.eventCount.windowSeconds } : null;
}

/** One condition's verdict, for simulate and for the fire record. */
export type ConditionResult = { condition: string; held: boolean; expected: unknown; actual: unknown };

const lower = (value: string) => value.toLowerCase();

/** Every present condition, each with whether it held (AND: the trigger matches when all did). */
export function evaluateConditions(parsed: ParsedConditions, facts: TriggerFacts): ConditionResult[] {
  const { incident } = facts;
  const results: ConditionResult[] = [];
  const category = lower(incident.threat_category);
  const add = (condition: string, held: boolean, expected: unknown, actual: unknown) => results.push({ condition, held, expected, actual });
  if (parsed.threatCategory) add('threat_category', parsed.threatCategory.map(lower).includes(category), parsed.threatCategory, incident.threat_category);
  if (parsed.threatCategoryIn)
    add('threat_category_in', parsed.threatCategoryIn.map(lower).includes(category), parsed.threatCategoryIn, incident.threat_category);
  if (parsed.threatCategoryPattern !== undefined) {
    const needle = lower(parsed.threatCategoryPattern);
    add('threat_category_pattern', category.includes(needle) || lower(incident.reason).includes(needle), parsed.threatCategoryPattern, {
      threat_category: incident.threat_category,
      reason: incident.reason,
    });
  }
  if (parsed.escalationLevel) {
    add('escalation_level', parsed.escalationLevel.includes(lower(incident.escalation_level)), parsed.escalationLevel, incident.escalation_level);
  }
  if (parsed.escalationLevelMin !== undefined) {
    add(
      'escalation_level_min',
      levelRank(incident.escalation_level) >= levelRank(parsed.escalationLevelMin),
      parsed.escalationLevelMin,
      incident.escalation_level,
    );
  }
  if (parsed.eventCount) {
    const { eventType, threshold, windowSeconds } = parsed.eventCount;
    const count = facts.eventCounts[eventCountKey(eventType, windowSeconds)] ?? 0;
    add('event_type', count >= threshold, { event_type: eventType, threshold, window_seconds: windowSeconds }, { count });
  }
  if (parsed.riskScoreMin !== undefined) add('risk_score_min', incident.risk_score >= parsed.riskScoreMin, parsed.riskScoreMin, incident.risk_score);
  if (parsed.patternMatch !== undefined)
    add('pattern_match', lower(incident.reason).includes(lower(parsed.patternMatch)), parsed.patternMatch, incident.reason);
  if (parsed.source) {
    const sources = incident.sources.map(lower);
    add(
      'source',
      parsed.source.some((source) => sources.includes(lower(source))),
      parsed.source,
      incident.sources,
    );
  }
  return results;
}
