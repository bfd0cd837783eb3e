import { describe, expect, it } from 'vitest';
import type { Detection } from '../../engines/detection/index.ts';
import { planDetections } from './detection-plan.ts';
import type { DetectionPlanInput, KnownIncident, OpenAlert } from './detection-plan.types.ts';

const t0 = Date.UTC(2026, 10, 23, 12, 0, 0);
const at = (minutes: number) => new Date(t0 + minutes * 60_000);

function detection(overrides: Partial<Detection> = {}): Detection {
  return {
    detector: 'ssh_brute_force',
    detectorVersion: 1,
    title: 'SSH brute force from 203.0.113.10',
    description: '6 failed logins',
    category: 'brute_force',
    severity: 'medium',
    entity: { type: 'src_ip', value: '203.0.113.10' },
    mitre: ['T1110.001'],
    evidence: [{ name: 'failed_logins', observed: 6, threshold: 5, weight: 1 }],
    eventIds: [1, 2],
    windowStart: at(0),
    windowEnd: at(1),
    fingerprintKey: 'ssh_brute_force|203.0.113.10',
    ...overrides,
  };
}

const openAlert = (overrides: Partial<OpenAlert> = {}): OpenAlert => ({
  id: 10,
  fingerprint: 'ssh_brute_force|203.0.113.10',
  incidentId: 100,
  occurrences: 3,
  firstSeen: at(-30),
  lastSeen: at(-10),
  severity: 'high',
  linkedEvents: 4,
  ...overrides,
});

const incident = (overrides: Partial<KnownIncident> = {}): KnownIncident => ({
  id: 100,
  active: true,
  entityType: 'src_ip',
  entityValue: '203.0.113.10',
  category: 'brute_force',
  lastSeen: at(-10),
  ...overrides,
});

const input = (overrides: Partial<DetectionPlanInput>): DetectionPlanInput => ({
  detections: [],
  eventTimes: new Map([1, 2, 3, 4, 5].map((id) => [id, at(id / 10)])),
  openAlerts: [],
  alertIncidents: [],
  recentIncidents: [],
  ...overrides,
});

describe('planDetections', () => {
  it('folds a detection into the open alert of its fingerprint: occurrences, span, worst severity and new event links', () => {
    const plan = planDetections(input({ detections: [detection()], openAlerts: [openAlert()], alertIncidents: [incident()], recentIncidents: [incident()] }));
    expect(plan.alertsToInsert).toEqual([]);
    expect(plan.incidentsToCreate).toEqual([]);
    expect(plan.alertsToExtend).toEqual([
      {
        id: 10,
        occurrences: 4,
        firstSeen: at(-30),
        lastSeen: at(1),
        severity: 'high',
        evidence: JSON.stringify(detection().evidence),
        description: '6 failed logins',
        incident: { kind: 'existing', id: 100 },
      },
    ]);
    expect(plan.eventLinks).toEqual([
      { alert: { kind: 'existing', id: 10 }, eventId: 1, occurredAt: at(0.1) },
      { alert: { kind: 'existing', id: 10 }, eventId: 2, occurredAt: at(0.2) },
    ]);
    expect(plan.timeline).toEqual([]);
    expect(plan.rollups).toEqual([{ kind: 'existing', id: 100 }]);
  });

  it('opens a new alert under a new incident when nothing matches, and records both in the timeline', () => {
    const plan = planDetections(input({ detections: [detection({ severity: 'high' })] }));
    expect(plan.incidentsToCreate).toEqual([
      expect.objectContaining({
        threat_category: 'brute_force',
        entity_type: 'src_ip',
        entity_value: '203.0.113.10',
        src_ip: '203.0.113.10',
        severity: 'high',
      }),
    ]);
    expect(plan.alertsToInsert).toEqual([
      {
        values: expect.objectContaining({
          fingerprint: 'ssh_brute_force|203.0.113.10',
          occurrences: 1,
          severity: 'high',
          first_seen_at: at(0),
          last_seen_at: at(1),
        }),
        incident: { kind: 'created', index: 0 },
      },
    ]);
    expect(plan.alertsToExtend).toEqual([]);
    expect(plan.eventLinks.map((link) => [link.alert, link.eventId])).toEqual([
      [{ kind: 'inserted', index: 0 }, 1],
      [{ kind: 'inserted', index: 0 }, 2],
    ]);
    expect(plan.timeline).toEqual([
      { kind: 'created', incident: { kind: 'created', index: 0 }, actorId: 'ssh_brute_force', category: 'brute_force' },
      {
        kind: 'alert_added',
        incident: { kind: 'created', index: 0 },
        actorId: 'ssh_brute_force',
        alert: { kind: 'inserted', index: 0 },
        title: 'SSH brute force from 203.0.113.10',
      },
    ]);
    expect(plan.rollups).toEqual([{ kind: 'created', index: 0 }]);
  });

  it('never feeds a resolved incident: the alert filed under it is left alone and a new incident opens', () => {
    const resolved = incident({ active: false });
    const plan = planDetections(input({ detections: [detection()], openAlerts: [openAlert()], alertIncidents: [resolved], recentIncidents: [resolved] }));
    expect(plan.alertsToExtend).toEqual([]);
    expect(plan.incidentsToCreate).toHaveLength(1);
    expect(plan.alertsToInsert.map((alert) => alert.incident)).toEqual([{ kind: 'created', index: 0 }]);
    expect(plan.rollups).toEqual([{ kind: 'created', index: 0 }]);
  });

  it('groups several detections of one entity and category into one incident; another entity gets its own', () => {
    const spray = detection({ detector: 'password_spray_ssh', fingerprintKey: 'password_spray_ssh|203.0.113.10', eventIds: [3] });
    const again = detection({ eventIds: [4, 5], windowStart: at(5), windowEnd: at(6) });
    const otherHost = detection({ entity: { type: 'src_ip', value: '198.51.100.7' }, fingerprintKey: 'ssh_brute_force|198.51.100.7', eventIds: [] });
    const plan = planDetections(input({ detections: [detection(), spray, again, otherHost] }));
    expect(plan.incidentsToCreate.map((row) => row.entity_value)).toEqual(['203.0.113.10', '198.51.100.7']);
    expect(plan.alertsToInsert.map((alert) => [alert.values.fingerprint, alert.values.occurrences, alert.incident])).toEqual([
      ['ssh_brute_force|203.0.113.10', 2, { kind: 'created', index: 0 }],
      ['password_spray_ssh|203.0.113.10', 1, { kind: 'created', index: 0 }],
      ['ssh_brute_force|198.51.100.7', 1, { kind: 'created', index: 1 }],
    ]);
    expect(plan.alertsToInsert[0]?.values.last_seen_at).toEqual(at(6));
    expect(plan.rollups).toEqual([
      { kind: 'created', index: 0 },
      { kind: 'created', index: 1 },
    ]);
  });

  it('joins a recent active incident of the entity, and notes the new alert in its timeline only', () => {
    const plan = planDetections(input({ detections: [detection()], recentIncidents: [incident()] }));
    expect(plan.incidentsToCreate).toEqual([]);
    expect(plan.alertsToInsert.map((alert) => alert.incident)).toEqual([{ kind: 'existing', id: 100 }]);
    expect(plan.timeline).toEqual([expect.objectContaining({ kind: 'alert_added', incident: { kind: 'existing', id: 100 } })]);
  });

  it('opens a new incident when the entity last showed up before the reopen window', () => {
    const stale = incident({ lastSeen: at(-25 * 60) });
    const plan = planDetections(input({ detections: [detection()], recentIncidents: [stale] }));
    expect(plan.incidentsToCreate).toHaveLength(1);
  });

  it('links no more events than an alert has room for, keeping the most recent', () => {
    const plan = planDetections(
      input({ detections: [detection({ eventIds: [1, 2, 3] })], openAlerts: [openAlert({ linkedEvents: 498 })], alertIncidents: [incident()] }),
    );
    expect(plan.eventLinks.map((link) => link.eventId)).toEqual([2, 3]);
  });

  it('plans nothing for no detections', () => {
    expect(planDetections(input({}))).toEqual({ incidentsToCreate: [], alertsToInsert: [], alertsToExtend: [], eventLinks: [], timeline: [], rollups: [] });
  });
});
