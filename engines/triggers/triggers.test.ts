import { describe, expect, it } from 'vitest';
import {
  byPriority,
  CONDITION_KEYS,
  compileMatcher,
  evaluateTrigger,
  eventCountKey,
  type TriggerFacts,
  type TriggerIncident,
  templateParameters,
  templateValues,
} from './index.ts';

const incident = (over: Partial<TriggerIncident> = {}): TriggerIncident => ({
  id: 42,
  title: 'Brute force from 203.0.113.9',
  severity: 'high',
  escalation_level: 'high',
  risk_score: 0.72,
  threat_category: 'brute_force',
  reason: 'Many failed SSH logins (cowrie.login.failed) from one address',
  src_ip: '203.0.113.9',
  status: 'open',
  event_count: 12,
  alert_count: 2,
  tags: ['ssh', 'honeypot'],
  mitre: ['T1110'],
  sources: ['detection', 'cowrie', 'honeypot'],
  created_at: '2026-12-07T10:00:00.000Z',
  updated_at: '2026-12-07T10:05:00.000Z',
  ...over,
});

const facts = (over: Partial<TriggerIncident> = {}, eventCounts: Record<string, number> = {}): TriggerFacts => ({
  incident: incident(over),
  change: 'created',
  eventCounts,
});

function match(conditions: Record<string, unknown>, f: TriggerFacts, expression: string | null = null) {
  const { matcher, issues } = compileMatcher(conditions, expression);
  expect(issues).toEqual([]);
  if (!matcher) throw new Error('no matcher');
  return evaluateTrigger(matcher, f);
}

describe('condition keys', () => {
  it.each([
    ['threat_category', { threat_category: 'BRUTE_FORCE' }, true],
    ['threat_category (list)', { threat_category: ['malware', 'brute_force'] }, true],
    ['threat_category (miss)', { threat_category: 'malware' }, false],
    ['threat_category_in', { threat_category_in: ['recon', 'brute_force'] }, true],
    ['threat_category_in (miss)', { threat_category_in: ['recon'] }, false],
    ['threat_category_pattern on the category', { threat_category_pattern: 'brute' }, true],
    ['threat_category_pattern on the reason', { threat_category_pattern: 'ssh logins' }, true],
    ['threat_category_pattern (miss)', { threat_category_pattern: 'ransom' }, false],
    ['escalation_level', { escalation_level: 'high' }, true],
    ['escalation_level (list)', { escalation_level: ['critical', 'HIGH'] }, true],
    ['escalation_level (miss)', { escalation_level: 'critical' }, false],
    ['escalation_level_min below', { escalation_level_min: 'medium' }, true],
    ['escalation_level_min equal', { escalation_level_min: 'high' }, true],
    ['escalation_level_min above', { escalation_level_min: 'critical' }, false],
    ['risk_score_min', { risk_score_min: 0.7 }, true],
    ['risk_score_min (miss)', { risk_score_min: 0.8 }, false],
    ['pattern_match', { pattern_match: 'FAILED SSH' }, true],
    ['pattern_match (miss)', { pattern_match: 'ransomware' }, false],
    ['source honeypot', { source: 'honeypot' }, true],
    ['source (list)', { source: ['edr', 'detection'] }, true],
    ['source (miss)', { source: 'edr' }, false],
  ])('%s', (_name, conditions, expected) => {
    expect(match(conditions, facts()).matched).toBe(expected);
  });

  it('is AND over every key and says which held', () => {
    const result = match({ threat_category: 'brute_force', risk_score_min: 0.9, escalation_level_min: 'medium' }, facts());
    expect(result.matched).toBe(false);
    expect(result.conditions.map((c) => [c.condition, c.held])).toEqual([
      ['threat_category', true],
      ['escalation_level_min', true],
      ['risk_score_min', false],
    ]);
  });

  it('an empty trigger matches every change', () => {
    expect(match({}, facts()).matched).toBe(true);
  });

  it('escalation_level_min compares ranks, not spellings (critical ≥ high although "critical" < "high" as text)', () => {
    expect(match({ escalation_level_min: 'high' }, facts({ escalation_level: 'critical' })).matched).toBe(true);
    expect(match({ escalation_level_min: 'medium' }, facts({ escalation_level: 'low' })).matched).toBe(false);
  });
});

describe('event_type + threshold + window_seconds', () => {
  it('counts events in the stated window (not a fixed 600 s)', () => {
    const conditions = { event_type: 'cowrie.login.failed', threshold: 5, window_seconds: 60 };
    expect(match(conditions, facts({}, { [eventCountKey('cowrie.login.failed', 60)]: 5 })).matched).toBe(true);
    // the count for 600 s is not the count for 60 s
    expect(match(conditions, facts({}, { [eventCountKey('cowrie.login.failed', 600)]: 50 })).matched).toBe(false);
    expect(match(conditions, facts({}, { [eventCountKey('cowrie.login.failed', 60)]: 4 })).matched).toBe(false);
  });

  it('defaults: window 600 s, threshold 1 (event_type alone means "at least one such event")', () => {
    expect(match({ event_type: 'cowrie.login.failed' }, facts({}, { [eventCountKey('cowrie.login.failed', 600)]: 1 })).matched).toBe(true);
    expect(match({ event_type: 'cowrie.login.failed' }, facts()).matched).toBe(false);
  });
});

describe('validation on save', () => {
  it('refuses an unknown key, naming it', () => {
    const { matcher, issues } = compileMatcher({ threat_category: 'x', severity_min: 'high' }, null);
    expect(matcher).toBeNull();
    expect(issues).toEqual([{ path: 'conditions.severity_min', message: expect.stringContaining("unknown condition key 'severity_min'") }]);
  });

  it.each([
    [{ threat_category: 5 }, 'conditions.threat_category'],
    [{ threat_category_in: 'x' }, 'conditions.threat_category_in'],
    [{ escalation_level: 'apocalyptic' }, 'conditions.escalation_level'],
    [{ escalation_level: ['high', 'nope'] }, 'conditions.escalation_level.1'],
    [{ escalation_level_min: 'severe' }, 'conditions.escalation_level_min'],
    [{ event_type: 'x', threshold: 0 }, 'conditions.threshold'],
    [{ event_type: 'x', window_seconds: 10_000_000 }, 'conditions.window_seconds'],
    [{ threshold: 3 }, 'conditions.threshold'],
    [{ risk_score_min: 7 }, 'conditions.risk_score_min'],
    [{ pattern_match: '' }, 'conditions.pattern_match'],
    [{ source: [] }, 'conditions.source'],
  ])('%j → %s', (conditions, path) => {
    expect(compileMatcher(conditions, null).issues.map((issue) => issue.path)).toEqual([path]);
  });

  it('refuses conditions that are not an object', () => {
    expect(compileMatcher([1, 2], null).issues).toEqual([{ path: 'conditions', message: expect.any(String) }]);
  });

  it('knows exactly Mini-XDR’s keys', () => {
    expect(CONDITION_KEYS).toContain('window_seconds');
    expect(CONDITION_KEYS).toHaveLength(11);
  });
});

describe('CEL expression', () => {
  it('evaluates against the documented incident object', () => {
    const expression = 'incident.risk_score >= 0.7 && "ssh" in incident.tags && incident.event_count > 10 && incident.src_ip.startsWith("203.")';
    expect(match({}, facts(), expression).matched).toBe(true);
    expect(match({}, facts({ event_count: 3 }), expression).matched).toBe(false);
  });

  it('combines with keys (AND) and reports its own verdict', () => {
    const result = match({ threat_category: 'brute_force' }, facts(), 'change == "escalated"');
    expect(result.matched).toBe(false);
    expect(result.conditions[0]?.held).toBe(true);
    expect(result.expression).toEqual({ source: 'change == "escalated"', held: false, error: null });
  });

  it('one level of comprehension is fine', () => {
    expect(match({}, facts(), 'incident.mitre.exists(t, t.startsWith("T11"))').matched).toBe(true);
  });

  it.each([
    ['syntax', 'incident.risk_score >=', 'Unexpected'],
    ['unknown field', 'incident.severityy == "high"', 'severityy'],
    ['not a bool', 'incident.risk_score + 1.0', 'bool'],
    ['type mismatch', 'incident.title + 1 == "x"', ''],
    ['matches (backtracking regex)', 'incident.reason.matches("(a+)+$")', 'matches'],
    ['nested comprehension', 'incident.tags.all(a, incident.mitre.exists(b, a == b))', 'comprehension'],
    ['too long', `${'true && '.repeat(300)}true`, '2000'],
  ])('refuses %s at save, naming expression', (_name, expression, fragment) => {
    const { matcher, issues } = compileMatcher({}, expression);
    expect(matcher).toBeNull();
    expect(issues).toHaveLength(1);
    expect(issues[0]?.path).toBe('expression');
    expect(issues[0]?.message).toContain(fragment);
  });

  it('a runtime error is "did not hold", with the reason', () => {
    const result = match({}, facts({ tags: [] }), 'incident.tags[0] == "ssh"');
    expect(result.matched).toBe(false);
    expect(result.expression?.error).toBeTruthy();
  });
});

describe('priority order', () => {
  it('is numeric: critical, high, medium, low (then oldest first)', () => {
    const triggers = [
      { id: 1, priority: 'medium' },
      { id: 2, priority: 'low' },
      { id: 3, priority: 'critical' },
      { id: 4, priority: 'high' },
      { id: 5, priority: 'critical' },
    ];
    expect(byPriority(triggers).map((t) => t.id)).toEqual([3, 5, 4, 1, 2]);
  });
});

describe('parameter templating', () => {
  const values = templateValues(incident(), { id: 7, name: 'SSH brute force' }, new Date('2026-12-07T10:06:00.000Z'));

  it("replaces Mini-XDR's whole-value placeholders, keeping numbers numbers", () => {
    expect(
      templateParameters(
        {
          ip: '{source_ip}',
          incident: '{incident_id}',
          score: '{risk_score}',
          level: '{escalation_level}',
          severity: '{severity}',
          category: '{threat_category}',
          at: '{timestamp}',
          legacy: 'event.source_ip',
          duration: 3600,
        },
        values,
      ),
    ).toEqual({
      ip: '203.0.113.9',
      incident: 42,
      score: 0.72,
      level: 'high',
      severity: 'high',
      category: 'brute_force',
      at: '2026-12-07T10:06:00.000Z',
      legacy: '203.0.113.9',
      duration: 3600,
    });
  });

  it('interpolates inside longer strings, nested values included, and leaves unknown names alone', () => {
    expect(
      templateParameters(
        { reason: 'Incident #{incident_id} ({severity}) from {source_ip} by {trigger_name}', list: ['{src_ip}', { x: 'a {nope} b' }] },
        values,
      ),
    ).toEqual({ reason: 'Incident #42 (high) from 203.0.113.9 by SSH brute force', list: ['203.0.113.9', { x: 'a {nope} b' }] });
  });
});
