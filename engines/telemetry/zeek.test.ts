import { describe, expect, it } from 'vitest';
import { contentHash, sha256Hex } from './hash.ts';
import { parseZeek } from './zeek.ts';
import { RECOGNISED_ZEEK_LOGS, zeekLogType } from './zeek-log-type.ts';
import { parseZeekTsv } from './zeek-tsv.ts';

const ctx = { receivedAt: new Date('2026-01-01T00:00:00Z') };
const conn = {
  ts: 1591367999.305988,
  uid: 'CMdzit1AMNsmfAIiQc',
  'id.orig_h': '192.168.4.76',
  'id.orig_p': 36844,
  'id.resp_h': '192.168.4.1',
  'id.resp_p': 53,
  proto: 'udp',
  conn_state: 'S0',
};

describe('parseZeek', () => {
  it('reads flat dotted and nested id shapes identically', () => {
    const { 'id.orig_h': oh, 'id.orig_p': op, 'id.resp_h': rh, 'id.resp_p': rp, ...rest } = conn;
    const nested = { ...rest, id: { orig_h: oh, orig_p: op, resp_h: rh, resp_p: rp } };
    const a = parseZeek(conn, ctx);
    const b = parseZeek(nested, ctx);
    expect(a.ok && b.ok).toBe(true);
    if (!a.ok || !b.ok) return;
    expect(b.event).toMatchObject({ srcIp: '192.168.4.76', srcPort: 36844, dstIp: '192.168.4.1', dstPort: 53 });
    expect({ ...b.event, raw: null, dedupKey: null }).toEqual({ ...a.event, raw: null, dedupKey: null });
    expect(a.event).toMatchObject({ action: 'zeek.conn', outcome: 'failure', attributes: { connState: 'S0' } });
  });

  it('takes ts as epoch seconds or ISO, and the same instant gives the same time', () => {
    const iso = parseZeek({ ...conn, ts: '2020-06-05T14:39:59.305988Z' }, ctx);
    const epoch = parseZeek(conn, ctx);
    expect(iso.ok && epoch.ok && iso.event.occurredAt.getTime() === epoch.event.occurredAt.getTime()).toBe(true);
  });

  it('prefers _path over field recognition, and says which log in the action', () => {
    const r = parseZeek({ ...conn, _path: 'conn_long' }, ctx);
    expect(r.ok && r.event.action).toBe('zeek.conn_long');
  });

  it('rejects non-objects, bad ts and unrecognisable records without ts', () => {
    expect(parseZeek([conn], ctx)).toEqual({ ok: false, reason: 'not_an_object' });
    expect(parseZeek({ ...conn, ts: 'not a time' }, ctx)).toEqual({ ok: false, reason: 'invalid_timestamp', field: 'ts' });
    expect(parseZeek({ hello: 'world' }, ctx)).toEqual({ ok: false, reason: 'unrecognised_record' });
  });

  it('accepts an unrecognised record that has a ts as zeek.unknown with its fields as attributes', () => {
    const r = parseZeek({ ts: 1700000000, uid: 'C1', 'id.orig_h': '10.0.0.1', widget: 'x' }, ctx);
    expect(r.ok && r.event).toMatchObject({ action: 'zeek.unknown', category: 'network', attributes: { widget: 'x' } });
  });

  it('nulls addresses that are not IPs without rejecting', () => {
    const r = parseZeek({ ...conn, 'id.orig_h': 'host.example', 'id.resp_p': 99999 }, ctx);
    expect(r.ok && r.event).toMatchObject({ srcIp: null, dstPort: null, dstIp: '192.168.4.1' });
  });

  it('gives a replay the same dedup key whatever the key order or writer fields', () => {
    const a = parseZeek({ ...conn, _write_ts: '2020-06-05T14:40:00Z' }, ctx);
    const b = parseZeek(Object.fromEntries(Object.entries(conn).reverse()), ctx);
    expect(a.ok && b.ok && a.event.dedupKey === b.event.dedupKey).toBe(true);
    expect(a.ok && a.event.dedupKey).toBe(sha256Hex(`zeek|conn|CMdzit1AMNsmfAIiQc|2020-06-05T14:39:59.305988Z|${contentHash(conn)}`));
  });
});

describe('zeekLogType', () => {
  it.each([
    [{ note: 'Scan::Port_Scan', fuid: 'F1', msg: 'm' }, 'notice'],
    [{ name: 'bad_HTTP_request', notice: false, peer: 'z' }, 'weird'],
    [{ fuid: 'F1', mime_type: 'text/plain', seen_bytes: 3 }, 'files'],
    [{ method: 'INVITE', uri: 'sip:x', call_id: 'c' }, 'sip'],
    [{ method: 'GET', uri: '/', host: 'h' }, 'http'],
    [{ version: 2, auth_success: false, client: 'SSH-2.0-x' }, 'ssh'],
    [{ version: 'TLSv12', cipher: 'TLS_AES', server_name: 'a.b' }, 'ssl'],
    [{ fingerprint: 'ab', 'certificate.subject': 'CN=x' }, 'x509'],
    [{ certificate: { subject: 'CN=x' } }, 'x509'],
    [{ query: 'a.b', qtype_name: 'A' }, 'dns'],
    [{ trans_id: 1, RD: true, rcode_name: 'NXDOMAIN' }, 'dns'],
    [{ host: '10.0.0.1', ts: 1 }, 'known_hosts'],
    [{ mac: 'aa', assigned_addr: '10.0.0.5', lease_time: 60 }, 'dhcp'],
    [{ widget: 1 }, null],
  ])('%j → %s', (record, expected) => {
    expect(zeekLogType(record)).toBe(expected);
  });

  it('lists the logs it can recognise', () => {
    expect(RECOGNISED_ZEEK_LOGS).toHaveLength(39);
    expect(RECOGNISED_ZEEK_LOGS.slice(0, 3)).toEqual(['notice', 'intel', 'weird']);
  });
});

describe('parseZeekTsv', () => {
  const tsv = [
    '#separator \\x09',
    '#set_separator\t,',
    '#empty_field\t(empty)',
    '#unset_field\t-',
    '#path\tsmtp',
    '#fields\tts\tuid\trcptto\tsubject\tpath\ttls\tfuids',
    '#types\ttime\tstring\tset[string]\tstring\tvector[addr]\tbool\tvector[string]',
    '1521911721.789543\tC1\ta@x,b@y\tO=VMware\\\\, Inc\\x2c ok\t10.0.0.1,10.0.0.2\tT\t(empty)',
    '1521911721.8\tC2\t-\t-\t-\tF\t-',
    'short line',
    '#close\t2024-04-12-19-34-07',
  ].join('\n');

  it('converts types, sets, unset and empty fields, and TSV escapes', () => {
    const out = parseZeekTsv(tsv);
    expect(out.path).toBe('smtp');
    expect(out.records[0]).toEqual({
      _path: 'smtp',
      ts: 1521911721.789543,
      uid: 'C1',
      rcptto: ['a@x', 'b@y'],
      subject: 'O=VMware\\, Inc, ok',
      path: ['10.0.0.1', '10.0.0.2'],
      tls: true,
      fuids: [],
    });
    expect(out.records[1]).toEqual({ _path: 'smtp', ts: 1521911721.8, uid: 'C2', tls: false });
    expect(out.errors).toEqual([{ line: 10, reason: 'expected 7 columns, found 1' }]);
  });

  it('reports data before a header', () => {
    expect(parseZeekTsv('1\t2').errors).toEqual([{ line: 1, reason: 'data line before #fields header' }]);
  });
});
