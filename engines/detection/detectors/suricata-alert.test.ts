import { describe, expect, it } from 'vitest';
import { eventFactory, iso, NOW, only } from '../../../tests/fixtures/detection-events.ts';
import { mergeSettings, DEFAULT_DETECTION_SETTINGS as S } from '../settings.ts';
import type { DetectionEvent } from '../types.ts';
import { suricataAlert } from './suricata-alert.ts';

const f = eventFactory();
const run = (events: DetectionEvent[], settings = S) => suricataAlert.evaluate(only(events, suricataAlert.prefilter), settings, NOW);
const alert = (sec: number, sid: number, signature: string, priority: number | undefined, category = 'Misc activity', src = '45.146.164.110') =>
  f.suricata({
    event_type: 'alert',
    timestamp: iso(sec),
    flow_id: 1000 + sec,
    src_ip: src,
    src_port: 50000,
    dest_ip: '192.0.2.10',
    dest_port: 22,
    proto: 'TCP',
    alert: { action: 'allowed', gid: 1, signature_id: sid, rev: 1, signature, category, ...(priority === undefined ? {} : { severity: priority }) },
  });

describe('suricata_alert', () => {
  it('maps the normalised severity: Suricata priority 1 → high, 2 → medium, 3 → low', () => {
    expect(run([alert(0, 1, 'ET EXPLOIT x', 1)])[0]?.severity).toBe('high');
    expect(run([alert(0, 2, 'ET POLICY y', 2)])[0]?.severity).toBe('medium');
    expect(run([alert(0, 3, 'ET INFO z', 3)])[0]?.severity).toBe('low');
    expect(run([alert(0, 4, 'ET INFO default', undefined)])[0]?.severity).toBe('low');
  });

  it('gives one detection per signature and source, keyed on the signature id', () => {
    const events = [
      alert(0, 2001219, 'ET SCAN Potential SSH Scan', 2, 'Attempted Information Leak'),
      alert(10, 2001219, 'ET SCAN Potential SSH Scan', 2, 'Attempted Information Leak'),
      alert(20, 2013028, 'ET POLICY curl User-Agent Outbound', 3, 'Attempted Information Leak'),
      alert(30, 2001219, 'ET SCAN Potential SSH Scan', 2, 'Attempted Information Leak', '198.51.100.1'),
    ];
    const mine = run(events.slice(0, 3));
    expect(mine.map((d) => [d.fingerprintKey, d.eventIds.length, d.category])).toEqual([
      ['suricata_alert|2001219|45.146.164.110', 2, 'reconnaissance'],
      ['suricata_alert|2013028|45.146.164.110', 1, 'reconnaissance'],
    ]);
    expect(mine[0]).toMatchObject({ title: 'ET SCAN Potential SSH Scan from 45.146.164.110', mitre: ['T1046'] });
  });

  it('derives the category from the signature prefix, then the classtype', () => {
    const cat = (signature: string, classtype: string) => run([alert(0, 9, signature, 1, classtype)])[0]?.category;
    expect(cat('ET MALWARE Win32/Emotet CnC Checkin', 'A Network Trojan was detected')).toBe('malware');
    expect(cat('ET WEB_SERVER SQL Injection Attempt', 'Web Application Attack')).toBe('web_attack');
    expect(cat('ET COINMINER Monero Miner Login', 'Crypto Currency Mining Activity Detected')).toBe('cryptomining');
    expect(cat('Local rule 42', 'Attempted Denial of Service')).toBe('dos');
    expect(cat('Local rule 43', 'Misc activity')).toBe('ids_alert');
  });

  it('ignores informational alerts (priority ≥ 4) unless the organisation lowers minEventSeverity', () => {
    const info = alert(0, 7, 'ET INFO session', 4);
    expect(run([info])).toEqual([]);
    expect(run([info], mergeSettings({ suricata: { minEventSeverity: 0 } }))).toHaveLength(1);
  });

  it('starts a new detection after an hour of silence', () => {
    expect(run([alert(0, 5, 'ET SCAN x', 2), alert(3700, 5, 'ET SCAN x', 2)])).toHaveLength(2);
    expect(run([alert(0, 5, 'ET SCAN x', 2), alert(3500, 5, 'ET SCAN x', 2)])).toHaveLength(1);
  });

  it('does not take non-alert EVE records', () => {
    const flow = f.suricata({ event_type: 'flow', timestamp: iso(0), src_ip: '1.2.3.4', dest_ip: '5.6.7.8', proto: 'TCP', flow: {} });
    expect(suricataAlert.prefilter(flow)).toBe(false);
  });
});
