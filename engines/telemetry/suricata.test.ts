import { describe, expect, it } from 'vitest';
import type { NormalizedEvent } from './event.ts';
import { fromSuricataPriority } from './severity.ts';
import { parseSuricata } from './suricata.ts';

const ctx = { receivedAt: new Date('2026-01-01T00:00:00Z') };
const base = {
  timestamp: '2024-05-01T10:00:00.123456+0000',
  flow_id: 1234567890123456,
  src_ip: '10.0.0.5',
  src_port: 51000,
  dest_ip: '203.0.113.9',
  dest_port: 443,
  proto: 'TCP',
};
function parse(record: Record<string, unknown>): NormalizedEvent {
  const r = parseSuricata({ ...base, ...record }, ctx);
  if (!r.ok) throw new Error(`rejected: ${r.reason} ${r.field}`);
  return r.event;
}

describe('Suricata severity (alert.severity 1 is the MOST severe)', () => {
  it.each([
    [1, 3],
    [2, 2],
    [3, 1],
    [4, 0],
    [255, 0],
    ['2', 2],
    [undefined, 1],
    [0, 1],
  ])('alert.severity %j → %i', (priority, expected) => {
    expect(fromSuricataPriority(priority)).toBe(expected);
    expect(parse({ event_type: 'alert', alert: { signature_id: 1, severity: priority } }).severity).toBe(expected);
  });
});

describe('parseSuricata', () => {
  it('rejects records without event_type or a parseable timestamp, naming the field', () => {
    expect(parseSuricata({ ...base }, ctx)).toEqual({ ok: false, reason: 'missing_field', field: 'event_type' });
    expect(parseSuricata({ event_type: 'dns' }, ctx)).toEqual({ ok: false, reason: 'missing_field', field: 'timestamp' });
    expect(parseSuricata({ ...base, event_type: 'dns', timestamp: '12/05/2024' }, ctx)).toEqual({
      ok: false,
      reason: 'invalid_timestamp',
      field: 'timestamp',
    });
    expect(parseSuricata('{"event_type":"dns"}', ctx)).toEqual({ ok: false, reason: 'not_an_object' });
  });

  it('accepts epoch timestamps and keeps port 0', () => {
    const e = parse({ event_type: 'flow', timestamp: 1714557600.5, dest_port: 0 });
    expect(e.occurredAt.toISOString()).toBe('2024-05-01T10:00:00.500Z');
    expect(e.dstPort).toBe(0);
  });

  it('reads TLS ja3/ja3s as {hash,string} objects and as older flat strings', () => {
    const objects = parse({
      event_type: 'tls',
      tls: {
        sni: 'evil.example',
        version: 'TLS 1.3',
        ja3: { hash: 'e7d705a3286e19ea42f587b344ee6865', string: '771,4865,0-23,29,0' },
        ja3s: { hash: 'f4febc55ea12b31ae17cfb7e614afda8', string: '771,4865,43-51' },
        ja4: 't13d1516h2_8daaf6152771_02713d6af862',
      },
    });
    expect(objects).toMatchObject({
      category: 'tls',
      attributes: {
        tlsSni: 'evil.example',
        ja3: 'e7d705a3286e19ea42f587b344ee6865',
        ja3String: '771,4865,0-23,29,0',
        ja3s: 'f4febc55ea12b31ae17cfb7e614afda8',
        ja4: 't13d1516h2_8daaf6152771_02713d6af862',
      },
    });
    const flat = parse({ event_type: 'tls', tls: { sni: 'a.example', ja3: '72A589DA586844D7F0818CE684948EEA' } });
    expect(flat.attributes).toMatchObject({ ja3: '72a589da586844d7f0818ce684948eea' });
    expect(flat.attributes.ja3String).toBeUndefined();
  });

  it('reads EVE v1 answer records, v2 answers+grouped and the dns.query list of alerts', () => {
    const v1 = parse({ event_type: 'dns', dns: { type: 'answer', id: 1, rrname: 'a.example', rrtype: 'A', ttl: 60, rdata: '192.0.2.1' } });
    expect(v1.attributes).toMatchObject({ dnsQuery: 'a.example', dnsAnswers: ['192.0.2.1'], dnsType: 'answer' });
    expect(v1.attributes.dnsQueryType).toBeUndefined();
    const v2 = parse({
      event_type: 'dns',
      dns: {
        version: 2,
        type: 'answer',
        rrname: 'b.example',
        rrtype: 'A',
        rcode: 'NXDOMAIN',
        answers: [{ rrname: 'b.example', rrtype: 'CNAME', rdata: 'c.example' }],
        grouped: { A: ['192.0.2.7'], SOA: [{ mname: 'ns1.example', rname: 'root.example' }] },
      },
    });
    expect(v2).toMatchObject({
      outcome: 'failure',
      attributes: { dnsQuery: 'b.example', dnsQueryType: 'A', dnsRcode: 'NXDOMAIN', dnsAnswers: ['c.example', '192.0.2.7', 'ns1.example'] },
    });
    const alert = parse({
      event_type: 'alert',
      alert: { signature_id: 9, signature: 'DNS lookup', severity: 1 },
      dns: { query: [{ type: 'query', rrname: 'evil.example', rrtype: 'TXT' }] },
    });
    expect(alert).toMatchObject({ severity: 3, kind: 'alert', attributes: { dnsQuery: 'evil.example', dnsQueryType: 'TXT' } });
  });

  it('separates EVE v1 answer records that share flow, type and time in the dedup key, and is stable on replay', () => {
    const answer = (rdata: string) => ({ event_type: 'dns', dns: { type: 'answer', rrname: 'a.example', rrtype: 'A', rdata } });
    expect(parse(answer('192.0.2.1')).dedupKey).not.toBe(parse(answer('192.0.2.2')).dedupKey);
    expect(parse(answer('192.0.2.1')).dedupKey).toBe(parse(answer('192.0.2.1')).dedupKey);
  });

  it('maps http, fileinfo, ssh, smb and stats', () => {
    const http = parse({
      event_type: 'http',
      http: { hostname: 'x.example', http_port: 8080, url: '/a?b=1', http_method: 'POST', status: 404, http_user_agent: 'curl/8' },
    });
    expect(http).toMatchObject({
      category: 'web',
      outcome: 'failure',
      url: 'http://x.example:8080/a?b=1',
      attributes: { httpMethod: 'POST', httpStatus: 404, httpUserAgent: 'curl/8', httpUri: '/a?b=1' },
    });
    const ssh = parse({
      event_type: 'ssh',
      ssh: { client: { software_version: 'libssh_0.9', hassh: { hash: 'abc', string: 'kex' } }, server: { software_version: 'OpenSSH_8.9' } },
    });
    expect(ssh.attributes).toMatchObject({ sshClientVersion: 'libssh_0.9', sshServerVersion: 'OpenSSH_8.9', hassh: 'abc' });
    const smb = parse({ event_type: 'smb', smb: { command: 'SMB2_COMMAND_CREATE', filename: 'evil.dll', ntlmssp: { user: 'bob', domain: 'CORP' } } });
    expect(smb).toMatchObject({ fileName: 'evil.dll', userName: 'bob', attributes: { ntlmDomain: 'CORP' } });
    const stats = parse({ event_type: 'stats', stats: { uptime: 120, capture: { kernel_drops: 3 }, decoder: { pkts: 1000 } } });
    expect(stats).toMatchObject({ kind: 'metric', category: 'host', attributes: { statsUptime: 120, statsKernelDrops: 3, statsPackets: 1000 } });
  });

  it('keeps an alert outcome unknown even when its HTTP transaction succeeded', () => {
    const e = parse({ event_type: 'alert', alert: { signature_id: 5, severity: 2 }, http: { status: 200, url: '/' } });
    expect(e.outcome).toBe('unknown');
  });

  it('accepts unknown event types generically and nulls a non-IP address', () => {
    const e = parse({ event_type: 'sip', dest_ip: 'gateway', sip: { method: 'INVITE' } });
    expect(e).toMatchObject({ action: 'suricata.sip', category: 'network', dstIp: null, srcIp: '10.0.0.5', kind: 'event' });
  });

  it('uses the EVE host (sensor name) only when the caller gave no sensor id', () => {
    expect(parse({ event_type: 'flow', host: 'ids-1' }).sensorId).toBe('ids-1');
    const r = parseSuricata({ ...base, event_type: 'flow', host: 'ids-1' }, { ...ctx, sensorId: 'S-9' });
    expect(r.ok && r.event.sensorId).toBe('S-9');
  });
});
