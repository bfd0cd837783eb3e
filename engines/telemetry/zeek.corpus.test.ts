import { readdirSync } from 'node:fs';
import { expect, it } from 'vitest';
import { CORPUS_TIMEOUT, corpusUrl, describeWithCorpus, lazy, readCorpus } from '../../tests/fixtures/corpus.ts';
import { jsonLines, jsonObjectTexts, rstLiteralBlocks, tryJson } from '../../tests/fixtures/corpus-text.ts';
import type { NormalizedEvent, ParseResult } from './event.ts';
import { parseZeek } from './zeek.ts';
import { zeekLogType } from './zeek-log-type.ts';
import { parseZeekTsv } from './zeek-tsv.ts';

// Golden tests on other people's Zeek output (see ../shared/corpus/SOURCES.md for licences).
const WRCCDC = 'zeek/zed-sample-data-wrccdc2018/';
const BTEST = 'zeek/zeek-btest-baselines/';
const DOCS = 'zeek/zeek-docs-reference-logs/reference/logs/';
const ctx = { receivedAt: new Date('2026-01-01T00:00:00Z') };
const ndjson = (text: string) => jsonLines(text).map((line) => JSON.parse(line) as Record<string, unknown>);
const events = (results: ParseResult[]) => results.flatMap((r) => (r.ok ? [r.event] : []));
const countBy = <T>(items: T[], key: (item: T) => string) =>
  items.reduce<Record<string, number>>((acc, item) => {
    acc[key(item)] = (acc[key(item)] ?? 0) + 1;
    return acc;
  }, {});
const outcomeKey = (r: ParseResult) => (r.ok ? r.event.action : `rejected:${r.reason}:${r.field ?? ''}`);

// WRCCDC 2018 (brimdata/zed-sample-data, CC BY-SA 4.0): records per zeek-json file, checked with `zcat | grep -c .`
const WRCCDC_JSON_COUNTS: Record<string, number> = {
  analyzer: 16461,
  capture_loss: 3,
  dce_rpc: 78,
  dns: 53615,
  dpd: 77,
  ftp: 93,
  kerberos: 11,
  known_certs: 35,
  known_hosts: 253,
  known_services: 1579,
  ldap_search: 1,
  loaded_scripts: 512,
  modbus: 268,
  notice: 207,
  ntp: 904,
  ocsp: 1308,
  packet_filter: 1,
  pe: 21,
  rdp: 4122,
  rfb: 3,
  smb_files: 13,
  smb_mapping: 393,
  smtp: 1188,
  snmp: 65,
  software: 376,
  ssh: 22,
  stats: 6,
  syslog: 2378,
  weird: 24202,
};

// Reading and parsing all 108,195 records takes seconds, more on a slow or busy machine: every test here that may be the
// first to load them, or that goes over all of them, has an explicit, generous timeout instead of the 5 s default.
describeWithCorpus('Zeek corpus: WRCCDC 2018 JSON logs (every file, every record)', () => {
  const listFiles = lazy(() => readdirSync(corpusUrl(`${WRCCDC}zeek-json/`)).sort());
  const loadByLog = lazy(() => new Map(listFiles().map((f) => [f.replace('.json.gz', ''), ndjson(readCorpus(`${WRCCDC}zeek-json/${f}`))])));

  it('has the 29 JSON logs listed above and nothing else', () => {
    const files = listFiles();
    expect(files.map((f) => f.replace('.json.gz', ''))).toEqual(Object.keys(WRCCDC_JSON_COUNTS).sort());
  });

  // 108k records: the default 5 s timeout was already missed on a busy 2-core machine before dedup keys were hashed
  it('accepts all 108,195 records, each as zeek.<its _path>, with unique dedup keys', { timeout: CORPUS_TIMEOUT }, () => {
    const byLog = loadByLog();
    let total = 0;
    for (const [log, records] of byLog) {
      const results = records.map((r) => parseZeek(r, ctx));
      expect(countBy(results, outcomeKey), log).toEqual({ [`zeek.${log}`]: WRCCDC_JSON_COUNTS[log] });
      expect(new Set(events(results).map((e) => e.dedupKey)).size, log).toBe(records.length);
      total += records.length;
    }
    expect(total).toBe(108_195);
  });

  it("recognises every record's log type from its fields alone once _path is removed", { timeout: CORPUS_TIMEOUT }, () => {
    const byLog = loadByLog();
    for (const [log, records] of byLog) {
      const guessed = countBy(records, ({ _path, ...rest }) => zeekLogType(rest) ?? 'unrecognised');
      expect(guessed, log).toEqual({ [log]: WRCCDC_JSON_COUNTS[log] });
    }
  });

  it('normalises specific records correctly', { timeout: CORPUS_TIMEOUT }, () => {
    const byLog = loadByLog();
    const first = (log: string) => {
      const r = parseZeek(byLog.get(log)?.[0], ctx);
      if (!r.ok) throw new Error(`${log}: ${r.reason}`);
      return r.event;
    };
    expect(first('dns')).toMatchObject({
      occurredAt: new Date('2018-03-24T17:15:20.865Z'),
      srcIp: '10.47.1.100',
      srcPort: 41772,
      dstIp: '10.0.0.100',
      dstPort: 53,
      transport: 'udp',
      category: 'dns',
      outcome: 'success',
      sessionId: 'CqKst53mF3det3eDV9',
      attributes: { dnsQuery: 'ise.wrccdc.org', dnsQueryType: 'A', dnsRcode: 'NOERROR', dnsAnswers: ['ise.wrccdc.cpp.edu', '134.71.3.16'] },
    });
    expect(first('notice')).toMatchObject({
      kind: 'alert',
      severity: 2,
      category: 'intrusion_detection',
      dstPort: 443,
      message: 'SSL certificate validation failed with (unable to get local issuer certificate)',
      attributes: { note: 'SSL::Invalid_Server_Cert', fuid: 'FGP2jt4dhD3bYZ923k' },
    });
    expect(first('ssh')).toMatchObject({
      category: 'authentication',
      outcome: 'success',
      attributes: { sshClientVersion: 'SSH-2.0-OpenSSH_7.6', sshServerVersion: 'SSH-2.0-OpenSSH_7.4p1 Raspbian-10+deb9u3' },
    });
    expect(first('weird')).toMatchObject({ severity: 1, message: 'TCP_ack_underflow_or_misorder' });
    expect(first('known_hosts')).toMatchObject({ kind: 'state', srcIp: '10.164.94.120' });
    expect(first('ftp')).toMatchObject({ userName: 'anonymous', attributes: { password: 'nessus@nessus.org', ftpCommand: 'PASV' } });
    expect(first('stats').kind).toBe('metric');
    // loaded_scripts carries no ts at all: accepted, stamped with receivedAt
    expect(first('loaded_scripts')).toMatchObject({ occurredAt: ctx.receivedAt, kind: 'state' });
  });
});

describeWithCorpus('Zeek corpus: TSV (zeek-default) twins give the same events as their JSON twins', () => {
  const normalised = (e: NormalizedEvent) => ({ ...e, raw: undefined, dedupKey: undefined });

  it.each([
    ['ssh', 22],
    ['notice', 207],
    ['smtp', 1188],
    ['rdp', 4122],
  ])('%s.log: %i records, field for field', { timeout: CORPUS_TIMEOUT }, (log, count) => {
    const tsv = parseZeekTsv(readCorpus(`${WRCCDC}zeek-default/${log}.log.gz`));
    expect(tsv).toMatchObject({ path: log, errors: [] });
    const fromTsv = events(tsv.records.map((r) => parseZeek(r, ctx)));
    const fromJson = events(ndjson(readCorpus(`${WRCCDC}zeek-json/${log}.json.gz`)).map((r) => parseZeek(r, ctx)));
    expect(fromTsv).toHaveLength(count);
    expect(fromTsv.map(normalised)).toEqual(fromJson.map(normalised));
  });

  it('x509.log (TSV only, no JSON twin in the snapshot): 348 certificates', () => {
    const tsv = parseZeekTsv(readCorpus(`${WRCCDC}zeek-default/x509.log.gz`));
    const results = tsv.records.map(({ _path, ...rest }) => parseZeek(rest, ctx));
    expect(countBy(results, outcomeKey)).toEqual({ 'zeek.x509': 348 });
    expect(events(results)[0]?.attributes).toMatchObject({
      tlsFingerprint: 'b2dafbcdbc75210672f137f27ce882ccb799887631655d4f11191d5a678e44fe',
      tlsIssuer: 'O=VMware Installer',
      tlsSerial: 'CC57FE54011E',
    });
  });
});

describeWithCorpus('Zeek corpus: btest baselines (timestamps masked as XXXXXXXXXX.XXXXXX by the harness)', () => {
  const tsvFiles: Array<[string, string, number]> = [
    ['opt.basic/conn.log', 'zeek.conn', 34],
    ['opt.basic/dns.log', 'zeek.dns', 34],
    ['opt.basic/http.log', 'zeek.http', 14],
    ['scripts.base.protocols.ssh.basic/conn.log', 'zeek.conn', 25],
    ['scripts.base.protocols.ssh.basic/ssh.log', 'zeek.ssh', 22],
    ['scripts.base.files.x509.disable-certificate-events-known-certs/ssl.log', 'zeek.ssl', 8],
  ];

  it.each(tsvFiles)('%s: masked ts is rejected; unmasked, every record is %s', (file, action, count) => {
    const text = readCorpus(`${BTEST}${file}`);
    const masked = parseZeekTsv(text).records.map((r) => parseZeek(r, ctx));
    expect(countBy(masked, outcomeKey)).toEqual({ 'rejected:invalid_timestamp:ts': count });
    const unmasked = parseZeekTsv(text.replaceAll('XXXXXXXXXX.XXXXXX', '1700000000.000000'));
    expect(
      countBy(
        unmasked.records.map((r) => parseZeek(r, ctx)),
        outcomeKey,
      ),
    ).toEqual({ [action]: count });
  });

  it('JSON baselines: the masked ts makes the lines invalid JSON; unmasked they are 5 http records', () => {
    const files = ['javascript.http-uri-sha256/http.log', 'scripts.base.frameworks.logging.json-non-printable-escaping/http.log.json'];
    const lines = files.flatMap((f) => jsonLines(readCorpus(`${BTEST}${f}`)));
    expect(lines.filter((l) => tryJson(l).ok)).toHaveLength(0);
    const results = lines.map((l) => parseZeek(JSON.parse(l.replace('XXXXXXXXXX.XXXXXX', '1700000000.5')), ctx));
    expect(countBy(results, outcomeKey)).toEqual({ 'zeek.http': 5 });
    expect(events(results)[0]).toMatchObject({
      url: 'http://bro.org/download/CHANGES.bro-aux.txt',
      attributes: { httpStatus: 200, httpUserAgent: 'Wget/1.14 (darwin12.2.0)' },
    });
    // Zeek's JSON writer keeps non-printables escaped as literal \x07: preserved, not decoded
    expect(events(results)[3]?.attributes.httpUri).toBe('/non_printable_\\x07');
  });
});

describeWithCorpus('Zeek corpus: records quoted in the Zeek manual (no _path: types recognised from fields)', () => {
  const docRecords = (file: string) =>
    rstLiteralBlocks(readCorpus(`${DOCS}${file}`)).flatMap((block) =>
      // `.. literal-emph::` marks bold with **…**; strip it to get Zeek's JSON back
      jsonObjectTexts(block.directive === 'literal-emph' ? block.text.replaceAll('**', '') : block.text).map((o) => {
        const parsed = tryJson(o.text);
        if (!parsed.ok) throw new Error(`${file}:${block.line} is not JSON`);
        return parsed.value as Record<string, unknown>;
      }),
    );

  it.each([
    ['conn.rst', { 'zeek.conn': 7 }],
    ['dns.rst', { 'zeek.dns': 9 }],
    ['files.rst', { 'zeek.conn': 1, 'zeek.http': 1, 'zeek.files': 1 }],
    ['http.rst', { 'zeek.http': 2 }],
    ['ssh.rst', { 'zeek.ssh': 5 }],
    ['ssl.rst', { 'zeek.conn': 4, 'zeek.ssl': 7 }],
    ['weird-and-notice.rst', { 'zeek.weird': 2, 'zeek.notice': 1 }],
    ['x509.rst', { 'zeek.ssl': 2, 'zeek.x509': 4 }],
  ])('%s', (file, expected) => {
    const records = docRecords(file);
    expect(records.every((r) => r._path === undefined)).toBe(true);
    expect(
      countBy(
        records.map((r) => parseZeek(r, ctx)),
        outcomeKey,
      ),
    ).toEqual(expected);
  });

  it('spot checks: conn state, composed http url, files hashes, ssl ja3, x509 subject, same-instant weirds', () => {
    const parse = (file: string, i: number) => {
      const r = parseZeek(docRecords(file)[i], ctx);
      if (!r.ok) throw new Error(r.reason);
      return r.event;
    };
    expect(parse('conn.rst', 0)).toMatchObject({
      occurredAt: new Date('2020-06-05T14:39:59.305Z'),
      outcome: 'success',
      transport: 'udp',
      attributes: { connState: 'SF', service: 'dns', origBytes: 62, respBytes: 141 },
    });
    expect(parse('files.rst', 1)).toMatchObject({
      url: 'http://download.microsoft.com/download/d/e/5/de5351d6-4463-4cc3-a27c-3e2274263c43/wfetch.exe',
      attributes: { httpMethod: 'GET', httpUserAgent: 'Wget/1.19.4 (linux-gnu)', httpRespMimeTypes: ['application/x-dosexec'] },
    });
    expect(parse('files.rst', 2)).toMatchObject({
      category: 'file',
      fileName: 'HTTP-FBbQxG1GXLXgmWhbk9.exe',
      attributes: { fuid: 'FBbQxG1GXLXgmWhbk9', fileMimeType: 'application/x-dosexec', fileSize: 179272 },
    });
    expect(parse('ssl.rst', 8)).toMatchObject({
      outcome: 'success',
      attributes: { tlsSni: 'www.google.com', ja3: '3830b2a4fbcea64e74db382e467f5b3b', ja3s: '907bf3ecef1c987c889946b737b43de8' },
    });
    expect(parse('x509.rst', 1).attributes).toMatchObject({
      tlsSubject: 'CN=www.taosecurity.com',
      sanDns: ['www.taosecurity.com', 'taosecurity.com', '*.taosecurity.com'],
    });
    // two weirds share uid and ts: the dedup keys must still differ
    const [a, b] = [parse('weird-and-notice.rst', 0), parse('weird-and-notice.rst', 1)];
    expect(a.dedupKey).not.toBe(b.dedupKey);
    const identity = (e: NormalizedEvent) => [e.action, e.sessionId, e.occurredAt.toISOString()];
    expect(identity(a)).toEqual(identity(b));
  });
});
