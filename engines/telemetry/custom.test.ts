import { describe, expect, it } from 'vitest';
import { parseCustom } from './custom.ts';
import type { NormalizedEvent, ParseResult } from './event.ts';
import { contentHash, sha256Hex } from './hash.ts';
import { parseThreatmap } from './threatmap.ts';

const ctx = { receivedAt: new Date('2026-01-01T00:00:00Z') };
const ok = (r: ParseResult): NormalizedEvent => {
  if (!r.ok) throw new Error(`rejected: ${r.reason} ${r.field ?? ''}`);
  return r.event;
};

describe('parseCustom', () => {
  it('picks ECS nested fields', () => {
    const e = ok(
      parseCustom(
        {
          '@timestamp': '2026-04-01T12:00:00Z',
          event: { id: 'evt-1', action: 'file-created', category: ['file'], kind: 'alert', outcome: 'success', severity: 3 },
          source: { ip: '10.0.0.8', port: 5555 },
          destination: { ip: '10.0.0.9', port: 445 },
          network: { transport: 'TCP' },
          host: { name: 'fs-01' },
          user: { name: 'svc_backup' },
          process: { name: 'robocopy.exe', command_line: 'robocopy C:\\a D:\\b' },
          file: { path: 'D:\\b\\secrets.kdbx', hash: { sha256: 'c'.repeat(64) } },
          labels: { team: 'blue' },
        },
        ctx,
      ),
    );
    expect(e).toMatchObject({
      sourceKind: 'custom',
      occurredAt: new Date('2026-04-01T12:00:00Z'),
      action: 'custom.file-created',
      category: 'file',
      kind: 'alert',
      outcome: 'success',
      severity: 3,
      srcIp: '10.0.0.8',
      srcPort: 5555,
      dstIp: '10.0.0.9',
      dstPort: 445,
      transport: 'tcp',
      hostName: 'fs-01',
      userName: 'svc_backup',
      processName: 'robocopy.exe',
      processCommandLine: 'robocopy C:\\a D:\\b',
      fileName: 'D:\\b\\secrets.kdbx',
      fileSha256: 'c'.repeat(64),
      dedupKey: sha256Hex('custom|evt-1'),
      attributes: { labels: { team: 'blue' } },
    });
    expect(e.attributes.source).toBeUndefined();
  });

  it('picks common flat spellings and keeps the rest as attributes', () => {
    const e = ok(
      parseCustom(
        {
          timestamp: 1712000000,
          src_ip: '192.0.2.1',
          dst_port: '8443',
          event_type: 'Web Login',
          username: 'kim',
          severity: 'high',
          success: false,
          tenant_ref: 'x9',
        },
        ctx,
      ),
    );
    expect(e).toMatchObject({
      occurredAt: new Date('2024-04-01T19:33:20Z'),
      srcIp: '192.0.2.1',
      dstPort: 8443,
      action: 'custom.Web Login',
      category: 'authentication',
      userName: 'kim',
      severity: 3,
      outcome: 'failure',
      attributes: { tenant_ref: 'x9', success: false },
    });
    expect(e.dedupKey).toBe(sha256Hex(`custom|h:${contentHash(e.raw)}`));
  });

  it('parses synthetic records with their own source kind', () => {
    expect(ok(parseCustom({ type: 'beacon', ts: '2026-01-01T00:00:01Z' }, ctx, 'synthetic'))).toMatchObject({
      sourceKind: 'synthetic',
      action: 'synthetic.beacon',
    });
  });

  it('rejects non-objects and names the bad time field', () => {
    expect(parseCustom([1], ctx)).toEqual({ ok: false, reason: 'not_an_object' });
    expect(parseCustom({ time: 'yesterday' }, ctx)).toEqual({ ok: false, reason: 'invalid_timestamp', field: 'time' });
  });
});

describe('parseThreatmap', () => {
  it('maps the EventSec threat-map item, severity 1–10 onto 0–4', () => {
    const item = {
      id: 'tm-1',
      ts: '2026-01-01T10:00:00Z',
      src_ip: '198.51.100.1',
      dst_ip: '192.0.2.2',
      attack_type: 'DDoS',
      severity: 8,
      volume: { pps: 12000, bps: 9e6 },
      tags: ['syn'],
      confidence: 0.6,
      source: 'ingest',
    };
    expect(ok(parseThreatmap(item, ctx))).toMatchObject({
      sourceKind: 'threatmap',
      action: 'threatmap.ddos',
      category: 'network',
      severity: 3,
      srcIp: '198.51.100.1',
      dedupKey: sha256Hex('threatmap|tm-1'),
      attributes: { attackType: 'DDoS', volumePps: 12000, confidence: 0.6, tags: ['syn'] },
    });
    expect([1, 4, 7, 9, 10].map((severity) => ok(parseThreatmap({ ...item, severity }, ctx)).severity)).toEqual([1, 2, 3, 4, 4]);
  });

  it('rejects a missing attack type and an out-of-range confidence', () => {
    expect(parseThreatmap({ ts: 1 }, ctx)).toEqual({ ok: false, reason: 'missing_field', field: 'attack_type' });
    expect(parseThreatmap({ attack_type: 'Web', confidence: 3 }, ctx)).toEqual({ ok: false, reason: 'invalid_field', field: 'confidence' });
  });
});
