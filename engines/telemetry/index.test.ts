import { describe, expect, it } from 'vitest';
import { itWithCorpus, readCorpus } from '../../tests/fixtures/corpus.ts';
import { jsonLines } from '../../tests/fixtures/corpus-text.ts';
import { buildEvent } from './build.ts';
import { parseBatch, parseRecord, SOURCE_KINDS, type SourceKind, ZNormalizedEvent } from './index.ts';

const ctx = { receivedAt: new Date('2026-01-01T00:00:00Z'), sensorId: 'sensor-1' };

const SAMPLES: Record<SourceKind, unknown> = {
  cowrie: { eventid: 'cowrie.session.connect', src_ip: '203.0.113.1', timestamp: '2026-01-01T00:00:00Z', session: 's' },
  suricata: { event_type: 'flow', timestamp: '2026-01-01T00:00:00Z', flow_id: 1, src_ip: '10.0.0.1', dest_ip: '10.0.0.2' },
  zeek: { ts: 1767225600, uid: 'C1', 'id.orig_h': '10.0.0.1', 'id.resp_h': '10.0.0.2', proto: 'tcp', conn_state: 'SF' },
  osquery: { name: 'processes', hostIdentifier: 'h', unixTime: 1767225600, columns: { pid: '1', name: 'init' }, action: 'added' },
  syslog: 'Jan  1 00:00:00 h sshd[1]: Accepted password for a from 10.0.0.1 port 22 ssh2',
  agent: { event_type: 'heartbeat', severity: 'low', details: {} },
  edr: { hostname: 'h', event_type: 'edr.process_start', process_name: 'p', details: {} },
  siem: { rule: { level: 7, groups: ['web'] }, timestamp: '2026-01-01T00:00:00Z' },
  custom: { message: 'hello' },
  synthetic: { type: 'probe' },
  threatmap: { attack_type: 'Scanner', severity: 3 },
};

describe('parseRecord', () => {
  it.each(SOURCE_KINDS.map((kind) => [kind]))('dispatches %s to its parser', (kind) => {
    const r = parseRecord(kind, SAMPLES[kind], ctx);
    expect(r.ok, JSON.stringify(r)).toBe(true);
    if (!r.ok) return;
    expect(r.event.sourceKind).toBe(kind);
    expect(r.event.sensorId).toBe('sensor-1');
    expect(r.event.dedupKey).toMatch(/^[0-9a-f]{64}$/);
    expect(ZNormalizedEvent.safeParse(r.event).success).toBe(true);
  });
});

describe('parseBatch', () => {
  itWithCorpus('auto-detects a mixed Suricata + Zeek network batch and reports rejects by input index', () => {
    const eve = jsonLines(readCorpus('suricata/tenzir-eve/eve.json')).map((l) => JSON.parse(l) as unknown);
    const zeek = [SAMPLES.zeek, { ...(SAMPLES.zeek as object), ts: 'not-a-time' }];
    const records = [...eve, ...zeek, { event_type: 'alert', src_ip: '1.2.3.4' }, null];
    const out = parseBatch('auto', records, ctx);
    expect(out.events.map((e) => e.action)).toEqual([
      'suricata.alert',
      'suricata.dns',
      'suricata.fileinfo',
      'suricata.flow',
      'suricata.http',
      'suricata.netflow',
      'suricata.quic',
      'zeek.conn',
    ]);
    expect(out.rejected).toEqual([
      { index: 8, reason: 'invalid_timestamp', field: 'ts' },
      { index: 9, reason: 'missing_field', field: 'timestamp' },
      { index: 10, reason: 'not_an_object' },
    ]);
  });

  it('can restrict auto-detection to the sources an endpoint takes', () => {
    const records = [SAMPLES.suricata, SAMPLES.zeek, SAMPLES.cowrie, { hello: 'world' }];
    const out = parseBatch('auto', records, ctx, { allow: ['suricata', 'zeek'] });
    expect(out.events.map((e) => e.sourceKind)).toEqual(['suricata', 'zeek']);
    expect(out.rejected).toEqual([
      { index: 2, reason: 'unrecognised_record' },
      { index: 3, reason: 'unrecognised_record' },
    ]);
  });

  it('with a named source, rejects what does not fit instead of guessing', () => {
    const out = parseBatch('suricata', [SAMPLES.suricata, SAMPLES.zeek, 'text'], ctx);
    expect(out.events).toHaveLength(1);
    expect(out.rejected).toEqual([
      { index: 1, reason: 'missing_field', field: 'event_type' },
      { index: 2, reason: 'not_an_object' },
    ]);
  });

  it('rejects a record whose time the store cannot hold by index, and keeps the rest of the batch', () => {
    const cowrie = SAMPLES.cowrie as object;
    const records = [
      cowrie,
      { ...cowrie, timestamp: '9999-12-31T23:59:59-01:00' },
      { ...(SAMPLES.suricata as object), timestamp: 253_402_300_800_000 },
      { ...(SAMPLES.zeek as object), ts: '+275760-09-13T00:00:00.000Z' },
      { ...cowrie, timestamp: '0050-01-01T00:00:00Z' },
    ];
    const out = parseBatch('auto', records, ctx);
    expect(out.events.map((e) => e.occurredAt.toISOString())).toEqual(['2026-01-01T00:00:00.000Z', '0050-01-01T00:00:00.000Z']);
    expect(out.rejected).toEqual([
      { index: 1, reason: 'timestamp_out_of_range', field: 'timestamp' },
      { index: 2, reason: 'timestamp_out_of_range', field: 'timestamp' },
      { index: 3, reason: 'timestamp_out_of_range', field: 'ts' },
    ]);
  });

  it('splits osquery batch lines into one event per row, keeping the input index for rejects', () => {
    const batch = {
      name: 'users',
      hostIdentifier: 'h',
      unixTime: 1767225600,
      diffResults: { added: [{ username: 'a' }, { username: 'b' }], removed: [{ username: 'c' }] },
    };
    const out = parseBatch('osquery', [batch, { hostIdentifier: 'h', columns: {} }], ctx);
    expect(out.events.map((e) => `${e.userName}:${e.attributes.osqueryAction}`)).toEqual(['a:added', 'b:added', 'c:removed']);
    expect(out.rejected).toEqual([{ index: 1, reason: 'missing_field', field: 'name' }]);
  });
});

describe('buildEvent guard', () => {
  it('refuses to emit an event that breaks the model', () => {
    const draft = { sourceKind: 'custom' as const, time: null, category: 'host', action: 'custom.x', dedupMaterial: 'k', raw: {} };
    expect(buildEvent(draft, ctx).ok).toBe(true);
    expect(buildEvent({ ...draft, action: '' }, ctx)).toEqual({ ok: false, reason: 'invalid_event', field: 'action' });
    expect(buildEvent({ ...draft, severity: 7 as 4 }, ctx)).toEqual({ ok: false, reason: 'invalid_event', field: 'severity' });
  });
});
