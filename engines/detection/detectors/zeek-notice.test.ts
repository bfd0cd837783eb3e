import { describe, expect, it } from 'vitest';
import { itWithCorpus, readCorpus } from '../../../tests/fixtures/corpus.ts';
import { eventFactory, iso, NOW, only } from '../../../tests/fixtures/detection-events.ts';
import { runDetectors } from '../index.ts';
import { mergeSettings, DEFAULT_DETECTION_SETTINGS as S } from '../settings.ts';
import type { DetectionEvent } from '../types.ts';
import { zeekNotice } from './zeek-notice.ts';

const f = eventFactory();
const run = (events: DetectionEvent[], settings = S) => zeekNotice.evaluate(only(events, zeekNotice.prefilter), settings, NOW);
const notice = (sec: number, note: string, src: string | null = '203.0.113.4', msg = 'something') =>
  f.zeek({ _path: 'notice', ts: iso(sec), note, msg, ...(src ? { src } : {}), dst: '192.0.2.5', actions: ['Notice::ACTION_LOG'] });

describe('zeek_notice', () => {
  it('maps note names to category, severity and MITRE ids', () => {
    const [d] = run([notice(0, 'Scan::Port_Scan', '203.0.113.4', '203.0.113.4 scanned at least 15 unique ports of host 192.0.2.5 in 0m2s')]);
    expect(d).toMatchObject({
      detector: 'zeek_notice',
      category: 'reconnaissance',
      severity: 'medium',
      mitre: ['T1046'],
      fingerprintKey: 'zeek_notice|Scan::Port_Scan|203.0.113.4',
    });
    expect(d?.description).toContain('scanned at least 15 unique ports');
    expect(run([notice(0, 'SSH::Login_By_Password_Guesser')])[0]).toMatchObject({ category: 'brute_force', severity: 'critical' });
    expect(run([notice(0, 'Custom::Something')])[0]).toMatchObject({ category: 'network_anomaly', severity: 'medium' });
  });

  it('groups per note and source, keys a source-less notice on its destination host, and honours ignoredNotes', () => {
    const events = [notice(0, 'SSL::Invalid_Server_Cert'), notice(5, 'SSL::Invalid_Server_Cert'), notice(6, 'Scan::Address_Scan')];
    expect(run(events).map((d) => [d.fingerprintKey, d.eventIds.length])).toEqual([
      ['zeek_notice|SSL::Invalid_Server_Cert|203.0.113.4', 2],
      ['zeek_notice|Scan::Address_Scan|203.0.113.4', 1],
    ]);
    expect(run([notice(0, 'Weird::Activity', null)])[0]?.entity).toEqual({ type: 'host', value: '192.0.2.5' });
    expect(run(events, mergeSettings({ zeekNotice: { ignoredNotes: ['SSL::Invalid_Server_Cert'] } }))).toHaveLength(1);
  });

  itWithCorpus('turns the 207 WRCCDC notices into low-severity certificate detections, one per source', () => {
    const lines = readCorpus('zeek/zed-sample-data-wrccdc2018/zeek-json/notice.json.gz').trim().split('\n');
    const events = lines.map((line) => f.zeek(JSON.parse(line)));
    const found = runDetectors(events, S, NOW);
    const sources = new Set(events.map((e) => e.srcIp));
    expect(events).toHaveLength(207);
    expect(found.every((d) => d.severity === 'low' && d.category === 'network_anomaly')).toBe(true);
    expect(new Set(found.map((d) => d.fingerprintKey)).size).toBe(sources.size);
    expect(found.reduce((n, d) => n + d.eventIds.length, 0)).toBe(207);
  });
});
