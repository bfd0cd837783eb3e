import { readdirSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { beforeAll, expect, it } from 'vitest';
import { CORPUS_TIMEOUT, corpusUrl, describeWithCorpus, readCorpus } from '../../tests/fixtures/corpus.ts';
import { createTestOrg, type TestOrg } from '../../tests/fixtures/identity.ts';
import { useTestServer } from '../../tests/harness.ts';

// Golden ingest over HTTP on other people's sensor output (../shared/corpus, read at run time, never copied).
// The WRCCDC Zeek set is 108,195 records: to keep this file near 10 s, each of its 29 logs is cut to its first
// 2,000 lines (17,417 records in all); the engine's own corpus test parses every record.
const WRCCDC_LINES = 2000;
const BATCH = 1000;

const t = useTestServer();
let org: TestOrg;
beforeAll(async () => {
  org = await createTestOrg(t.deps);
});

function listFiles(dir: URL, prefix = ''): string[] {
  return readdirSync(dir).flatMap((name) =>
    statSync(new URL(name, dir)).isDirectory() ? listFiles(new URL(`${name}/`, dir), `${prefix}${name}/`) : [`${prefix}${name}`],
  );
}

const lines = (text: string) => text.split(/\r?\n/).filter((line) => line.trim() !== '');
const chunks = <T>(items: T[], size: number) => Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));
type Totals = { accepted: number; stored: number; deduplicated: number; rejected: number; reasons: Record<string, number> };

/** Posts a file's lines in batches: gzip NDJSON with the sensor in headers, or a JSON body with the lines parsed. */
async function post(fileLines: string[], sensor: string, mode: 'gzip-ndjson' | 'ndjson' | 'json'): Promise<Totals> {
  const totals: Totals = { accepted: 0, stored: 0, deduplicated: 0, rejected: 0, reasons: {} };
  for (const batch of chunks(fileLines, BATCH)) {
    const ndjson = `${batch.join('\n')}\n`;
    const init =
      mode === 'json'
        ? {
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ sensor: { name: sensor, kind: 'suricata' }, events: batch.map((l) => JSON.parse(l)) }),
          }
        : {
            headers: {
              'content-type': 'application/x-ndjson',
              'x-sensor-name': sensor,
              'x-sensor-kind': 'zeek',
              ...(mode === 'gzip-ndjson' ? { 'content-encoding': 'gzip' } : {}),
            },
            body: mode === 'gzip-ndjson' ? gzipSync(ndjson) : ndjson,
          };
    const response = await fetch(`${t.server.baseUrl}/ingest/network/bulk`, { method: 'POST', ...init, headers: { ...init.headers, ...org.admin.headers } });
    const body = (await response.json()) as Totals & { errors: { reason: string }[] };
    expect(response.status, JSON.stringify(body).slice(0, 300)).toBe(200);
    totals.accepted += body.accepted;
    totals.stored += body.stored;
    totals.deduplicated += body.deduplicated;
    totals.rejected += body.rejected;
    for (const error of body.errors) totals.reasons[error.reason] = (totals.reasons[error.reason] ?? 0) + 1;
  }
  return totals;
}

// Every event-data file: [path under corpus/, how it is posted, records posted, accepted, rejected]. Derived once from a
// run, then checked by hand against the engine corpus tests (tenzir 7/7, suricata-verify 1/1, WRCCDC all accepted)
// and the files themselves (btest baselines: a "###" header line plus lines whose masked ts XXXXXXXXXX.XXXXXX is not JSON).
const WRCCDC_COUNTS: Record<string, number> = {
  analyzer: 2000,
  capture_loss: 3,
  dce_rpc: 78,
  dns: 2000,
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
  rdp: 2000,
  rfb: 3,
  smb_files: 13,
  smb_mapping: 393,
  smtp: 1188,
  snmp: 65,
  software: 376,
  ssh: 22,
  stats: 6,
  syslog: 2000,
  weird: 2000,
};
type Expected = [path: string, mode: 'gzip-ndjson' | 'ndjson' | 'json', posted: number, accepted: number, rejected: number];
const EVENT_FILES: Expected[] = [
  ['suricata/tenzir-eve/eve.json', 'json', 7, 7, 0],
  ['suricata/suricata-verify/tests/output-eve-fileinfo/expected/eve.json', 'json', 1, 1, 0],
  ['zeek/zeek-btest-baselines/javascript.http-uri-sha256/http.log', 'ndjson', 2, 0, 2],
  ['zeek/zeek-btest-baselines/scripts.base.frameworks.logging.json-non-printable-escaping/http.log.json', 'ndjson', 5, 0, 5],
  ...Object.entries(WRCCDC_COUNTS).map(([log, n]): Expected => [`zeek/zed-sample-data-wrccdc2018/zeek-json/${log}.json.gz`, 'gzip-ndjson', n, n, 0]),
];
// Everything else in the two folders, and why it is not posted.
const NOT_EVENTS: Record<string, RegExp> = {
  'licence or README': /(LICENSE(\.txt)?|COPYING|README\.md)$/,
  'docs (reStructuredText), mined by the engine corpus tests': /\.rst$/,
  'JSON Schema of EVE, not events': /etc\/schema\.json$/,
  'suricata-verify check file': /test\.yaml$/,
  'Zeek TSV (zeek-default) logs, not JSON': /(zeek-default\/.*\.log\.gz|opt\.basic\/.*\.log|ssh\.basic\/.*\.log|known-certs\/ssl\.log)$/,
};

const readLines = (path: string) => lines(readCorpus(path));

describeWithCorpus('network ingest golden corpus (POST /ingest/network/bulk)', () => {
  it('posts every Suricata EVE file and Zeek JSON log; every other file is classified', () => {
    const files = [...listFiles(corpusUrl('suricata/')).map((f) => `suricata/${f}`), ...listFiles(corpusUrl('zeek/')).map((f) => `zeek/${f}`)];
    const posted = new Set(EVENT_FILES.map(([path]) => path));
    const unclassified = files.filter((f) => !posted.has(f) && !Object.values(NOT_EVENTS).some((pattern) => pattern.test(f)));
    expect(unclassified).toEqual([]);
    expect(files.filter((f) => posted.has(f))).toHaveLength(EVENT_FILES.length);
  });

  // reads whole logs (dns: 53,615 records gunzipped) and posts up to 2 × 2,000 records: explicit, generous timeout
  const slow = { timeout: CORPUS_TIMEOUT };
  it.each(EVENT_FILES)('%s (%s): %i posted, %i accepted, %i rejected, then replayed', slow, async (path, mode, posted, accepted, rejected) => {
    const all = readLines(path);
    const fileLines = path.includes('wrccdc') ? all.slice(0, WRCCDC_LINES) : all;
    expect(fileLines).toHaveLength(posted);
    const sensor = `corpus-${path.split('/')[1]}`;
    const first = await post(fileLines, sensor, mode);
    expect(first).toMatchObject({ accepted, stored: accepted, deduplicated: 0, rejected });
    if (rejected > 0) expect(first.reasons).toEqual({ invalid_payload: rejected });
    const replay = await post(fileLines, sensor, mode);
    // loaded_scripts records carry no ts: stamped with the day they arrived, a same-day replay deduplicates too
    expect(replay).toMatchObject({ accepted, deduplicated: accepted, stored: 0, rejected });
  });

  it('the stored totals and sensor error counts match what was accepted and rejected', async () => {
    const accepted = EVENT_FILES.reduce((sum, [, , , n]) => sum + n, 0);
    const stats = await t.http.get('/network/stats', org.admin.headers);
    expect(accepted).toBe(17_425);
    expect(stats.body.total_events).toBe(accepted);
    const sensors = await t.http.get<{ name: string; error_count: number }[]>('/network/sensors', org.admin.headers);
    expect(Object.fromEntries(sensors.body.map((s) => [s.name, s.error_count]))).toEqual({
      'corpus-suricata-verify': 0,
      'corpus-tenzir-eve': 0,
      'corpus-zed-sample-data-wrccdc2018': 0,
      'corpus-zeek-btest-baselines': 2 * (2 + 5),
    });
  });
});
