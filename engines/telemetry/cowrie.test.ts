import { describe, expect, it } from 'vitest';
import { describeWithCorpus, lazy, readCorpus } from '../../tests/fixtures/corpus.ts';
import { parseCowrie } from './cowrie.ts';
import { COWRIE_EVENTS } from './cowrie-catalog.ts';
import type { NormalizedEvent } from './event.ts';
import { contentHash, sha256Hex } from './hash.ts';

const OUTPUT_RST = 'cowrie/cowrie-docs/docs/OUTPUT.rst';
const ctx = { receivedAt: new Date('2026-01-01T00:00:00Z') };

/** Event ids and their documented attribute names, read from Cowrie's own reference (docs/OUTPUT.rst) on first use. */
const documentedEvents = lazy((): Map<string, string[]> => {
  const lines = readCorpus(OUTPUT_RST).split('\n');
  const events = new Map<string, string[]>();
  let current: string[] | null = null;
  lines.forEach((line, i) => {
    if (/^cowrie\.[\w.-]+$/.test(line) && /^=+$/.test(lines[i + 1] ?? '')) {
      current = [];
      events.set(line, current);
      return;
    }
    const bullet = /^\s+\* (`[^`]+`(?:, `[^`]+`)*)/.exec(line);
    if (current && bullet?.[1]) for (const m of bullet[1].matchAll(/`([^`]+)`/g)) if (m[1]) current.push(m[1]);
  });
  return events;
});

const SHA = 'a8460f446be540410004b1a8db4083773fa46f7fe76fa84219c93daa1669f8f2';
// a plausible value for each documented attribute name
function valueFor(name: string): unknown {
  if (/(^|_)ip$|^IP$/.test(name)) return '198.51.100.23';
  if (/port$/.test(name)) return 8080;
  if (/^(shasum|sha256)$/.test(name)) return SHA.toUpperCase();
  if (name === 'url') return 'http://203.0.113.50/bins/x86';
  if (/^(duplicate|is_new|late)$/.test(name)) return false;
  if (/^(width|height|size|ttl|datalen|positives|total|duration_ms|confidence|retry_after|messagenum)$/.test(name)) return 42;
  return `${name}-value`;
}

function recordFor(eventid: string, attributes: string[]): Record<string, unknown> {
  const record: Record<string, unknown> = {
    eventid,
    message: `message for ${eventid}`,
    sensor: 'honeypot-1',
    timestamp: '2026-03-01T10:20:30.123456Z',
    session: 'a1b2c3d4e5f6',
    src_ip: '203.0.113.7',
    src_port: 51234,
    dst_ip: '192.0.2.10',
    dst_port: 22,
    protocol: 'ssh',
  };
  for (const name of attributes) record[name] = valueFor(name);
  return record;
}

function parsed(eventid: string, extra: Record<string, unknown> = {}): NormalizedEvent {
  const docs = documentedEvents().get(eventid) ?? [];
  const result = parseCowrie({ ...recordFor(eventid, docs), ...extra }, ctx);
  if (!result.ok) throw new Error(`${eventid} rejected: ${result.reason}`);
  return result.event;
}

describeWithCorpus('parseCowrie on every event id documented in OUTPUT.rst', () => {
  it('finds all 48 documented event ids, and the catalog covers exactly them', () => {
    const documented = documentedEvents();
    expect(documented.size).toBe(48);
    expect([...documented.keys()].sort()).toEqual(Object.keys(COWRIE_EVENTS).sort());
    expect(documented.get('cowrie.client.kex')).toEqual(['hassh', 'hasshAlgorithms', 'kexAlgs', 'keyAlgs', 'encCS', 'macCS', 'compCS', 'langCS']);
  });

  it('accepts each one with its action, category, shared fields and every documented attribute kept', () => {
    const documented = documentedEvents();
    // where a documented attribute must land when it is not kept in `attributes` under its own name
    const promoted: Record<string, (e: NormalizedEvent) => unknown> = {
      username: (e) => e.userName,
      input: (e) => e.processCommandLine,
      attempted_command: (e) => e.processCommandLine,
      url: (e) => e.url,
      src_ip: (e) => e.srcIp,
      src_port: (e) => e.srcPort,
      dst_ip: (e) => e.dstIp,
      dst_port: (e) => e.dstPort,
      IP: (e) => e.srcIp,
      'session.file_download:shasum': (e) => e.fileSha256,
      'session.file_upload:shasum': (e) => e.fileSha256,
      'session.file_upload:filename': (e) => e.fileName,
      'virustotal.scanfile:sha256': (e) => e.fileSha256,
      'log.open:ttylog': (e) => e.fileName,
      'log.closed:ttylog': (e) => e.fileName,
    };
    let checked = 0;
    for (const [eventid, names] of documented) {
      const event = parsed(eventid);
      expect(event.action, eventid).toBe(eventid);
      expect(event.category, eventid).toBe(COWRIE_EVENTS[eventid]?.category);
      expect(event.sourceKind).toBe('cowrie');
      expect(event.occurredAt.toISOString()).toBe('2026-03-01T10:20:30.123Z');
      expect(event.sessionId).toBe('a1b2c3d4e5f6');
      expect(event.hostName).toBe('honeypot-1');
      expect(event.transport).toBe('tcp');
      expect(event.dedupKey, eventid).toBe(sha256Hex(`cowrie|a1b2c3d4e5f6|${eventid}|2026-03-01T10:20:30.123456Z|${contentHash(event.raw)}`));
      for (const name of names) {
        const where = promoted[`${eventid.slice('cowrie.'.length)}:${name}`] ?? promoted[name];
        const expected = name === 'shasum' || name === 'sha256' ? SHA : valueFor(name);
        if (where) expect(where(event), `${eventid}.${name}`).toBe(expected);
        else expect(event.attributes[name], `${eventid}.${name}`).toBe(valueFor(name));
        checked++;
      }
    }
    // 146 attribute bullets under "Reference" in OUTPUT.rst (counted independently with grep)
    expect(checked).toBe(146);
  });

  it('maps logins: user, password in attributes, outcome and severity', () => {
    const failed = parsed('cowrie.login.failed', { username: 'root', password: 'admin123' });
    expect(failed).toMatchObject({ userName: 'root', outcome: 'failure', severity: 1, category: 'authentication' });
    expect(failed.attributes.password).toBe('admin123');
    expect(failed.attributes.username).toBeUndefined();
    const ok = parsed('cowrie.login.success', { username: 'pi', password: 'raspberry' });
    expect(ok).toMatchObject({ userName: 'pi', outcome: 'success', severity: 3 });
  });

  it('maps commands and downloads', () => {
    const cmd = parsed('cowrie.command.input', { input: 'uname -a; cat /proc/cpuinfo' });
    expect(cmd).toMatchObject({ processCommandLine: 'uname -a; cat /proc/cpuinfo', category: 'process', severity: 2 });
    expect(parsed('cowrie.command.failed', { input: 'nproc' })).toMatchObject({ outcome: 'failure' });
    const dl = parsed('cowrie.session.file_download', { destfile: '/tmp/x86', outfile: `var/lib/cowrie/downloads/${SHA}` });
    expect(dl).toMatchObject({ url: 'http://203.0.113.50/bins/x86', fileSha256: SHA, fileName: '/tmp/x86', severity: 3 });
    expect(dl.attributes.outfile).toBe(`var/lib/cowrie/downloads/${SHA}`);
    expect(parsed('cowrie.session.file_download.failed')).toMatchObject({ outcome: 'failure', url: 'http://203.0.113.50/bins/x86' });
    expect(parsed('cowrie.session.file_upload', { filename: 'payload.sh' })).toMatchObject({
      fileName: 'payload.sh',
      fileSha256: SHA,
    });
    // the ttylog checksum is of keystrokes, not a file to match against IOCs
    expect(parsed('cowrie.log.closed')).toMatchObject({ fileSha256: null, fileName: 'ttylog-value' });
  });

  it('keeps client version, kex (HASSH) and key fingerprint as attributes', () => {
    expect(parsed('cowrie.client.version', { version: 'SSH-2.0-Go' }).attributes.clientVersion).toBe('SSH-2.0-Go');
    const kex = parsed('cowrie.client.kex', { hassh: '92674389fa1e47a27ddd8d9b63ecd42b' });
    expect(kex.attributes.hassh).toBe('92674389fa1e47a27ddd8d9b63ecd42b');
    const fp = parsed('cowrie.client.fingerprint', { fingerprint: 'b5:ab:2f', type: 'ssh-rsa', username: 'git' });
    expect(fp).toMatchObject({ userName: 'git', attributes: { fingerprint: 'b5:ab:2f', type: 'ssh-rsa' } });
  });

  it('treats a forwarding request destination as the event destination', () => {
    const fwd = parsed('cowrie.direct-tcpip.request', { dst_ip: '8.8.8.8', dst_port: 53, orig_ip: '10.0.0.1' });
    expect(fwd).toMatchObject({ dstIp: '8.8.8.8', dstPort: 53, severity: 2, attributes: { orig_ip: '10.0.0.1' } });
  });

  it('raises VirusTotal hits and telnet exploit success', () => {
    expect(parsed('cowrie.virustotal.scanfile', { positives: 12 })).toMatchObject({ severity: 3, fileSha256: SHA });
    expect(parsed('cowrie.virustotal.scanfile', { positives: 0 }).severity).toBe(0);
    expect(parsed('cowrie.telnet.exploit_success')).toMatchObject({ kind: 'alert', severity: 4, category: 'intrusion_detection' });
  });
});

describe('parseCowrie edge cases', () => {
  it('accepts an unknown event id generically', () => {
    const r = parseCowrie({ eventid: 'cowrie.future.thing', timestamp: '2026-03-01T10:00:00Z', foo: 1 }, ctx);
    expect(r.ok && r.event).toMatchObject({ action: 'cowrie.future.thing', category: 'session', attributes: { foo: 1 } });
    const bare = parseCowrie({ eventid: 'custom_thing', timestamp: '2026-03-01T10:00:00Z' }, ctx);
    expect(bare.ok && bare.event.action).toBe('cowrie.custom_thing');
  });

  it('rejects a record without eventid, with the field named', () => {
    expect(parseCowrie({ src_ip: '1.2.3.4' }, ctx)).toEqual({ ok: false, reason: 'missing_field', field: 'eventid' });
    expect(parseCowrie('cowrie.login.failed', ctx)).toEqual({ ok: false, reason: 'not_an_object' });
    expect(parseCowrie({ eventid: 'cowrie.login.failed', timestamp: 'soon' }, ctx)).toEqual({
      ok: false,
      reason: 'invalid_timestamp',
      field: 'timestamp',
    });
  });

  it('nulls a non-IP src_ip but keeps the event; uses receivedAt and a content hash when there is no timestamp', () => {
    const r = parseCowrie({ eventid: 'cowrie.session.connect', src_ip: 'not-an-ip', src_port: 70000 }, ctx);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.event.srcIp).toBeNull();
    expect(r.event.srcPort).toBeNull();
    expect(r.event.occurredAt).toEqual(ctx.receivedAt);
    expect(r.event.dedupKey).toBe(sha256Hex(`cowrie|-|cowrie.session.connect|-|${contentHash(r.event.raw)}`));
  });

  it('gives retries the same dedup key and same-instant events of one session different keys', () => {
    const base = { eventid: 'cowrie.client.var', session: 's1', timestamp: '2026-03-01T10:00:00.000001Z' };
    const key = (r: Record<string, unknown>) => {
      const out = parseCowrie(r, ctx);
      return out.ok ? out.event.dedupKey : out.reason;
    };
    expect(key({ ...base, name: 'LANG', value: 'C' })).toBe(key({ value: 'C', name: 'LANG', ...base }));
    expect(key({ ...base, name: 'LANG', value: 'C' })).not.toBe(key({ ...base, name: 'TERM', value: 'xterm' }));
  });

  it('prefers a uuid for the dedup key, and the caller sensor id over the record sensor', () => {
    const r = parseCowrie(
      { eventid: 'cowrie.session.connect', uuid: 'u-1', sensor: 'hp', timestamp: '2026-03-01T10:00:00Z' },
      { ...ctx, sensorId: 'sensor-42' },
    );
    expect(r.ok && r.event).toMatchObject({ dedupKey: sha256Hex('cowrie|u-1'), sensorId: 'sensor-42', hostName: 'hp' });
  });
});
