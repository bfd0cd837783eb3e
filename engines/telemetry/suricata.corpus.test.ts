import { readdirSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { corpusUrl, describeWithCorpus, lazy, readCorpus } from '../../tests/fixtures/corpus.ts';
import { jsonLines, jsonObjectTexts, rstLiteralBlocks, tryJson } from '../../tests/fixtures/corpus-text.ts';
import type { NormalizedEvent, ParseResult } from './event.ts';
import { contentHash, sha256Hex } from './hash.ts';
import { parseSuricata } from './suricata.ts';

// Golden tests on other people's Suricata EVE output (licences: ../shared/corpus/SOURCES.md).
const ROOT = corpusUrl('suricata/');
const ctx = { receivedAt: new Date('2026-01-01T00:00:00Z') };
const read = (path: string) => readCorpus(`suricata/${path}`);
const countBy = (results: ParseResult[]) =>
  results.reduce<Record<string, number>>((acc, r) => {
    const key = r.ok ? r.event.action : `rejected:${r.reason}:${r.field ?? ''}`;
    acc[key] = (acc[key] ?? 0) + 1;
    return acc;
  }, {});
const only = (r: ParseResult | undefined): NormalizedEvent => {
  if (!r?.ok) throw new Error(`expected an event, got ${JSON.stringify(r)}`);
  return r.event;
};

const okEvents = (results: ParseResult[]) => results.flatMap((r) => (r.ok ? [r.event] : []));

function listFiles(dir: URL, prefix = ''): string[] {
  return readdirSync(dir).flatMap((name) => {
    const url = new URL(name, dir);
    return statSync(url).isDirectory() ? listFiles(new URL(`${name}/`, dir), `${prefix}${name}/`) : [`${prefix}${name}`];
  });
}

// Every file in the folder, and what the test does with it.
const FILES: Record<string, string> = {
  'tenzir-eve/eve.json': 'EVE JSON lines (real capture, CTU-13 botnet + one quic event)',
  'suricata-verify/tests/output-eve-fileinfo/expected/eve.json': 'EVE JSON lines (suricata-verify expected output)',
  'suricata-verify/tests/output-eve-fileinfo/test.yaml': 'the check for the eve.json above: asserted below',
  'suricata-schema-and-docs/doc/userguide/output/eve/eve-json-format.rst': 'EVE docs: example events mined below',
  'suricata-schema-and-docs/etc/schema.json': 'SKIPPED: a JSON Schema of EVE, not events',
  'suricata-schema-and-docs/LICENSE': 'SKIPPED: licence text',
  'suricata-verify/LICENSE.txt': 'SKIPPED: licence text',
  'tenzir-eve/LICENSE': 'SKIPPED: licence text',
};

describeWithCorpus('Suricata corpus', () => {
  it('has exactly the files classified above (a new file must be classified here first)', () => {
    expect(listFiles(ROOT).sort()).toEqual(Object.keys(FILES).sort());
  });

  describe('tenzir eve.json (7 lines; the 30 KB stats line was left out of the excerpt)', () => {
    const tenzir = lazy(() => jsonLines(read('tenzir-eve/eve.json')).map((line) => parseSuricata(JSON.parse(line), ctx)));

    it('accepts all 7 records, one per event type', () => {
      const results = tenzir();
      expect(countBy(results)).toEqual({
        'suricata.alert': 1,
        'suricata.dns': 1,
        'suricata.fileinfo': 1,
        'suricata.flow': 1,
        'suricata.http': 1,
        'suricata.netflow': 1,
        'suricata.quic': 1,
      });
    });

    it('normalises the IRC alert: severity 2 → medium, signature fields, +0200 time converted to UTC', () => {
      const results = tenzir();
      expect(only(results[0])).toMatchObject({
        occurredAt: new Date('2011-08-12T12:52:57.716Z'),
        kind: 'alert',
        category: 'intrusion_detection',
        severity: 2,
        srcIp: '147.32.84.165',
        dstIp: '78.40.125.4',
        dstPort: 6667,
        transport: 'tcp',
        message: 'ET CURRENT_EVENTS SUSPICIOUS IRC - PRIVMSG *.(exe|tar|tgz|zip)  download command',
        attributes: { signatureId: 2017318, signatureCategory: 'Potentially Bad Traffic', flowId: '1031464864740687' },
      });
      expect(only(results[0]).dedupKey).toBe(
        sha256Hex(`suricata|1031464864740687|alert|2011-08-12T12:52:57.71636Z|2017318|${contentHash(only(results[0]).raw)}`),
      );
    });

    it('normalises the v1 DNS query, the fileinfo hashes and the quic SNI', () => {
      const results = tenzir();
      expect(only(results[1]).attributes).toMatchObject({ dnsQuery: 'irc.freenode.net', dnsQueryType: 'A', dnsType: 'query' });
      expect(only(results[2])).toMatchObject({
        url: 'http://www.nmap.org/',
        fileSha256: '2e4c462b3424afcc04f43429d5f001e4ef9a28143bfeefb9af2254b4df3a7c1a',
        fileMd5: '70041821acf87389e40ddcb092004184',
        attributes: { httpStatus: 301, httpRedirect: 'http://nmap.org/', fileMagic: 'HTML document, ASCII text' },
      });
      expect(only(results[6]).attributes).toMatchObject({ tlsSni: 'stats.g.doubleclick.net', quicVersion: 'Q039' });
    });
  });

  it('suricata-verify output-eve-fileinfo: test.yaml expects exactly one fileinfo with filename eicar.com', () => {
    expect(read('suricata-verify/tests/output-eve-fileinfo/test.yaml')).toContain('fileinfo.filename: eicar.com');
    const events = jsonLines(read('suricata-verify/tests/output-eve-fileinfo/expected/eve.json')).map((l) => only(parseSuricata(JSON.parse(l), ctx)));
    expect(events.filter((e) => e.action === 'suricata.fileinfo' && e.fileName === 'eicar.com')).toHaveLength(1);
    expect(events[0]).toMatchObject({ url: 'http://www.eicar.org/download/eicar.com', attributes: { fileSize: 68 } });
  });

  describe('eve-json-format.rst: example events and `"type": {…}` fragments from the EVE docs', () => {
    const docs = lazy(() => {
      const rst = read('suricata-schema-and-docs/doc/userguide/output/eve/eve-json-format.rst');
      // the schema's top-level properties tell which fragment keys are EVE event types
      const eveKeys = new Set(Object.keys((JSON.parse(read('suricata-schema-and-docs/etc/schema.json')) as { properties: object }).properties));
      const objects = rstLiteralBlocks(rst).flatMap((block) => jsonObjectTexts(block.text));
      const whole = objects.filter((o) => o.key === null);
      const fragments = objects.filter((o) => o.key !== null && eveKeys.has(o.key));
      const wrap = (key: string, value: unknown) => ({ timestamp: '2026-01-01T00:00:00Z', flow_id: 1, event_type: key, [key]: value });
      const parsedWhole = whole.flatMap((o) => {
        const json = tryJson(o.text);
        return json.ok ? [parseSuricata(json.value, ctx)] : [];
      });
      const parsedFragments = fragments.flatMap((o) => {
        const json = tryJson(o.text);
        return json.ok && o.key ? [parseSuricata(wrap(o.key, json.value), ctx)] : [];
      });
      return { eveKeys, objects, whole, fragments, parsedWhole, parsedFragments };
    });

    it('finds 16 whole examples (1 is the "{…ID_NUMBER…}" template, not JSON) and 76 fragments', () => {
      const { eveKeys, objects, whole, fragments, parsedWhole, parsedFragments } = docs();
      expect(whole).toHaveLength(16);
      expect(parsedWhole).toHaveLength(15);
      expect(objects.filter((o) => o.key !== null && !eveKeys.has(o.key))).toHaveLength(15); // nested: request, ntlmssp, mqtt parts, http2
      expect(fragments).toHaveLength(61);
      expect(parsedFragments).toHaveLength(55); // 6 doc fragments elide or misquote JSON
    });

    it('accepts the 14 complete events and rejects the one without event_type', () => {
      const { parsedWhole } = docs();
      expect(countBy(parsedWhole)).toEqual({
        'suricata.alert': 2,
        'suricata.anomaly': 4,
        'suricata.fileinfo': 1,
        'suricata.flow': 1,
        'suricata.http': 1,
        'suricata.mqtt': 1,
        'suricata.pgsql': 4,
        'rejected:missing_field:event_type': 1,
      });
    });

    it('accepts every fragment wrapped in an envelope, by type', () => {
      const { parsedFragments } = docs();
      expect(countBy(parsedFragments)).toEqual({
        'suricata.alert': 1,
        'suricata.verdict': 1,
        'suricata.anomaly': 4,
        'suricata.http': 3,
        'suricata.dns': 3,
        'suricata.llmnr': 4,
        'suricata.ftp': 1,
        'suricata.ftp_data': 1,
        'suricata.tls': 3,
        'suricata.tftp': 1,
        'suricata.krb5': 1,
        'suricata.smb': 7,
        'suricata.bittorrent_dht': 11,
        'suricata.flow': 1,
        'suricata.rdp': 7,
        'suricata.quic': 1,
        'suricata.dhcp': 2,
        'suricata.arp': 2,
        'suricata.netflow': 1,
      });
    });

    it('maps alert.severity 1 (most severe) to 3 high', () => {
      const { parsedWhole } = docs();
      const lefthook = okEvents(parsedWhole).filter((e) => e.attributes.signatureId === 2045001);
      expect(lefthook).toHaveLength(1);
      expect(lefthook[0]).toMatchObject({ severity: 3, kind: 'alert', outcome: 'unknown', dstIp: '192.168.100.237' });
    });

    it('reads DNS v3 queries, detailed answers and grouped answers', () => {
      const { parsedFragments } = docs();
      const dns = okEvents(parsedFragments).filter((e) => e.action === 'suricata.dns');
      expect(dns.map((e) => e.attributes)).toEqual([
        { flowId: '1', dnsQuery: 'twitter.com', dnsQueryType: 'A', dnsType: 'request', dnsId: 16000, dnsVersion: 3 },
        {
          flowId: '1',
          dnsQuery: 'www.suricata.io',
          dnsQueryType: 'A',
          dnsRcode: 'NOERROR',
          dnsType: 'answer',
          dnsId: 45444,
          dnsVersion: 3,
          dnsAnswers: ['suricata.io', '192.0.78.24', '192.0.78.25'],
        },
        {
          flowId: '1',
          dnsRcode: 'NOERROR',
          dnsType: 'answer',
          dnsId: 18523,
          dnsVersion: 3,
          dnsAnswers: ['192.0.78.24', '192.0.78.25', 'suricata.io'],
        },
      ]);
      expect(dns[1]?.outcome).toBe('success');
    });

    it('reads TLS SNI/version, the QUIC ja3 object, and a 1969-12-31T16:04:21-0800 anomaly time', () => {
      const { parsedWhole, parsedFragments } = docs();
      const events = okEvents(parsedFragments);
      expect(events.find((e) => e.attributes.tlsSni === 'calendar.google.com')?.attributes).toMatchObject({
        tlsVersion: 'TLS 1.2',
        tlsIssuer: 'C=US, O=Google Inc, CN=Google Internet Authority G2',
      });
      expect(events.find((e) => e.action === 'suricata.quic')?.attributes).toMatchObject({
        ja3: '324f8c50e267adba4b5dd06c964faf67',
        ja3String: '771,4865-4866-4867,51-43-13-27-17513-16-45-0-10-57,29-23-24,',
        ja4: 'q13d0310h3_55b375c5d22e_cd85d2d88918',
      });
      const decoder = okEvents(parsedWhole).find((e) => e.attributes.anomalyEvent === 'decoder.udp.pkt_too_small');
      expect(decoder?.occurredAt.toISOString()).toBe('1970-01-01T00:04:21.000Z');
      expect(okEvents(parsedWhole).find((e) => e.action === 'suricata.mqtt')?.srcIp).toBe('0000:0000:0000:0000:0000:0000:0000:0001');
    });
  });
});
