import { describe, expect, it } from 'vitest';
import { translateQuestion } from '../../../engines/kql/nl/index.ts';
import { describeTranslation } from './describe-translation.ts';
import { explainRows } from './findings.ts';

const now = new Date('2026-12-04T15:30:00Z');
const translate = (question: string) => translateQuestion(question, { now });

describe('explainRows', () => {
  it('says nothing when nothing was found', () => {
    expect(explainRows(translate('failed ssh logins in the last hour'), [], false)).toEqual({ recommendations: [], followUps: [] });
  });

  it('names each failing source with its count and the accounts it tried', () => {
    const rows = [
      { SrcIp: '203.0.113.7', UserName: 'root' },
      { SrcIp: '203.0.113.7', UserName: 'admin' },
      { SrcIp: '203.0.113.7', UserName: 'root' },
      { SrcIp: '198.51.100.2', UserName: 'oracle' },
    ];
    const { recommendations, followUps } = explainRows(translate('failed ssh logins today'), rows, false);
    expect(recommendations).toEqual([
      '203.0.113.7: 3 failed logins among these rows (accounts: root, admin); check whether any login from it succeeded, and block it if it is not yours.',
      '198.51.100.2: 1 failed login among these rows (accounts: oracle); check whether any login from it succeeded, and block it if it is not yours.',
    ]);
    expect(followUps).toEqual(['successful logins from 203.0.113.7', 'alerts for 203.0.113.7']);
  });

  it('gives the leader of a ranking its share', () => {
    const rows = [
      { SrcIp: '203.0.113.7', Count: 6, LastSeen: '2026-12-04T15:00:00Z' },
      { SrcIp: '192.0.2.1', Count: 2, LastSeen: '2026-12-04T14:00:00Z' },
    ];
    expect(explainRows(translate('top attacking IPs today'), rows, false).recommendations).toEqual([
      '203.0.113.7 leads with 6 alerts, 75% of the 8 counted for the top 2: review it first.',
    ]);
  });

  it('points at a peak only when it stands out', () => {
    const flat = [1, 2, 1].map((Count, hour) => ({ TimeGenerated: `2026-12-04T0${hour}:00:00Z`, Count }));
    const spiky = [1, 9, 1, 1].map((Count, hour) => ({ TimeGenerated: `2026-12-04T0${hour}:00:00Z`, Count }));
    const timeline = translate('failed logins per hour today');
    expect(explainRows(timeline, flat, false).recommendations).toEqual([]);
    expect(explainRows(timeline, spiky, false).recommendations).toEqual([
      'The busiest interval starts at 2026-12-04T01:00:00Z with 9 (the mean is 3.0): look at what happened then.',
    ]);
  });

  it('starts incident triage at the riskiest and counts the open ones', () => {
    const rows = [
      { IncidentId: 4, RiskScore: 0.4, Status: 'resolved', SrcIp: '192.0.2.9' },
      { IncidentId: 7, RiskScore: 0.9, Status: 'open', SrcIp: '192.0.2.9' },
    ];
    expect(explainRows(translate('ransomware incidents'), rows, true).recommendations).toEqual([
      'Incident 7 has the highest risk score (0.90, status open): start there.',
      '1 incident of these 2 still open.',
      'Only the first 2 rows are shown and more exist: narrow the question or raise max_results.',
    ]);
  });

  it('offers only follow-up questions the translator understands', () => {
    const rows = [{ SrcIp: '203.0.113.7', UserName: 'root', HostName: 'web-1' }];
    const questions = [
      ...explainRows(translate('failed logins today'), rows, false).followUps,
      ...explainRows(translate('successful logins today'), rows, false).followUps,
      ...explainRows(translate('critical alerts'), [{ ...rows[0], Severity: 'critical', Status: 'open' }], false).followUps,
      ...explainRows(translate('events today'), [rows[0], rows[0]] as Record<string, unknown>[], false).followUps,
    ];
    expect(questions.length).toBeGreaterThan(4);
    for (const question of questions) {
      const translation = translate(question);
      expect(translation.confidence, question).toBe(1);
      expect(translation.unrecognised, question).toEqual([]);
    }
  });
});

describe('describeTranslation', () => {
  it('puts what was understood into words', () => {
    expect(describeTranslation(translate('failed ssh logins from 203.0.113.7 in the last hour'))).toBe(
      'failed logins over ssh from 203.0.113.7 in the last 1 hour, from Events',
    );
    expect(describeTranslation(translate('top 5 attacking IPs today'))).toBe('a ranking of the top 5 ips today, from Alerts');
    expect(describeTranslation(translate('tell me something nice'))).toBe('Nothing in the question was recognised');
  });
});
