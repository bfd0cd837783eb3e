import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CORPUS_TIMEOUT, corpusUrl, describeWithCorpus, readCorpus } from '../../tests/fixtures/corpus.ts';
import { jsonLines, jsonObjectTexts, rstLiteralBlocks, tryJson } from '../../tests/fixtures/corpus-text.ts';
import { detectSource } from './detect-source.ts';

const tally = (records: unknown[]) =>
  records.reduce<Record<string, number>>((acc, r) => {
    const kind = detectSource(r);
    acc[kind] = (acc[kind] ?? 0) + 1;
    return acc;
  }, {});

describeWithCorpus('detectSource on the corpus', () => {
  it('calls every Suricata EVE record suricata', () => {
    const eve = ['suricata/tenzir-eve/eve.json', 'suricata/suricata-verify/tests/output-eve-fileinfo/expected/eve.json'].flatMap((f) =>
      jsonLines(readCorpus(f)).map((l) => JSON.parse(l) as unknown),
    );
    expect(tally(eve)).toEqual({ suricata: 8 });
  });

  // all 108,195 WRCCDC records: an explicit, generous timeout so a slow or busy machine cannot fail it
  it('calls every WRCCDC Zeek JSON record zeek, and the Zeek manual records (no _path) too', { timeout: CORPUS_TIMEOUT }, () => {
    const dir = 'zeek/zed-sample-data-wrccdc2018/zeek-json/';
    const wrccdc = readdirSync(corpusUrl(dir)).flatMap((f) => jsonLines(readCorpus(`${dir}${f}`)).map((l) => JSON.parse(l) as unknown));
    expect(tally(wrccdc)).toEqual({ zeek: 108_195 });
    const docsDir = 'zeek/zeek-docs-reference-logs/reference/logs/';
    const docs = readdirSync(corpusUrl(docsDir)).flatMap((f) =>
      rstLiteralBlocks(readCorpus(`${docsDir}${f}`)).flatMap((b) =>
        jsonObjectTexts(b.text.replaceAll('**', '')).flatMap((o) => {
          const j = tryJson(o.text);
          return j.ok ? [j.value] : [];
        }),
      ),
    );
    // conn 7 + dns 9 + files 3 + http 2 + ssh 5 + ssl 11 + weird/notice 3 + x509 6
    expect(tally(docs)).toEqual({ zeek: 46 });
  });
});

describe('detectSource on other shapes', () => {
  it.each([
    ['Mar  9 22:14:01 h sshd[1]: Failed password for root from 192.0.2.1 port 22 ssh2', 'syslog'],
    [{ message: '<34>Oct 11 22:14:15 mymachine su: fail', host: 'h' }, 'syslog'],
    [{ message: 'plain app message', level: 'info' }, 'custom'],
    [{ eventid: 'cowrie.login.failed', src_ip: '1.2.3.4', timestamp: '2026-01-01T00:00:00Z' }, 'cowrie'],
    [{ name: 'q', hostIdentifier: 'h', columns: {}, action: 'added' }, 'osquery'],
    [{ rule: { level: 5 }, agent: { name: 'a' } }, 'siem'],
    [{ timestamp: 't', host: 'h', source: 's', message: 'm', raw: { event_type: 'x' } }, 'siem'],
    [{ event_type: 'edr.process_start', severity: 'high', details: {} }, 'agent'],
    [{ schema_version: '1.0.0', event_type: 'x', attributes: {} }, 'agent'],
    [{ timestamp: 't', hostname: 'h', event_type: 'edr.x', process_name: 'p', action: 'a', details: {} }, 'edr'],
    [{ timestamp: '2026-01-01T00:00:00Z', event_type: 'alert', src_ip: '1.2.3.4', alert: {} }, 'suricata'],
    [{ ts: 1, uid: 'C1', 'id.orig_h': '1.2.3.4' }, 'zeek'],
    [{ attack_type: 'Web', ts: 1, severity: 5 }, 'threatmap'],
    [{ anything: 1 }, 'custom'],
    [42, 'custom'],
  ])('%j → %s', (record, expected) => {
    expect(detectSource(record)).toBe(expected);
  });
});
