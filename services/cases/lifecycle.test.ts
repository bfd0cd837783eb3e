import { describe, expect, it } from 'vitest';
import { AppError } from '../../core/errors.ts';
import { assertTransition, INCIDENT_STATUSES, normaliseStatus, severityFromEventLevel, TRANSITIONS } from './lifecycle.ts';

describe('incident lifecycle', () => {
  it('moves forward, lifts containment back to investigating, and reopens closed incidents only to open', () => {
    expect(() => assertTransition('open', 'investigating')).not.toThrow();
    expect(() => assertTransition('contained', 'investigating')).not.toThrow();
    expect(() => assertTransition('resolved', 'open')).not.toThrow();
    expect(() => assertTransition('false_positive', 'open')).not.toThrow();
    expect(() => assertTransition('resolved', 'investigating')).toThrow(AppError);
    expect(() => assertTransition('investigating', 'open')).toThrow(/allowed from 'investigating': contained, resolved, false_positive/);
  });

  it('lets every status stay put, and every transition target is a status', () => {
    for (const status of INCIDENT_STATUSES) {
      expect(() => assertTransition(status, status)).not.toThrow();
      for (const target of TRANSITIONS[status]) expect(INCIDENT_STATUSES).toContain(target);
    }
  });

  it('answers 409 with the allowed targets', () => {
    try {
      assertTransition('resolved', 'contained');
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({ code: 'CONFLICT', details: { from: 'resolved', to: 'contained', allowed: ['open'] } });
    }
  });

  it("maps EventSec's statuses and rejects others", () => {
    expect(normaliseStatus('new')).toBe('open');
    expect(normaliseStatus('TRIAGE')).toBe('investigating');
    expect(normaliseStatus('in_progress')).toBe('investigating');
    expect(normaliseStatus('closed')).toBe('resolved');
    expect(normaliseStatus('contained')).toBe('contained');
    expect(normaliseStatus('threat_hunted')).toBeUndefined();
  });

  it('maps event severity 0–4 onto incident severities', () => {
    expect([0, 1, 2, 3, 4].map(severityFromEventLevel)).toEqual(['low', 'low', 'medium', 'high', 'critical']);
  });
});
