import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import type { RuleEvent } from '../../engines/rules/types.ts';
import { generateScenario, SCENARIOS } from '../../engines/synthetic/index.ts';
import { detectSource, parseRecord, type SourceKind } from '../../engines/telemetry/index.ts';
import { jsonLines, jsonObjectTexts } from '../../tests/fixtures/corpus-text.ts';
import { mixedStream } from './mixed-stream.ts';
import { benignWindowsRecords } from './rules-windows-benign.ts';

/** ../shared/corpus next to the repository (read in place, never copied). */
export const CORPUS_ROOT = new URL('../../../shared/corpus/', import.meta.url);
export const SIGMA_ROOT = new URL('sigma/SigmaHQ-sigma/', CORPUS_ROOT);
const RECEIVED_AT = new Date('2026-12-06T00:00:00Z');

export const corpusPresent = (): boolean => existsSync(SIGMA_ROOT);

export function filesUnder(root: URL, suffix: string): string[] {
  if (!existsSync(root)) return [];
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(suffix))
    .map((entry) => `${entry.parentPath}/${entry.name}`)
    .sort();
}

function readText(path: string | URL): string {
  const bytes = readFileSync(path);
  return (String(path).endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
}

function normalise(records: readonly unknown[], source?: SourceKind): RuleEvent[] {
  return records.flatMap((record) => {
    const parsed = parseRecord(source ?? detectSource(record), record, { receivedAt: RECEIVED_AT });
    return parsed.ok ? [parsed.event as RuleEvent] : [];
  });
}

const parseJson = (text: string): unknown[] => {
  try {
    return [JSON.parse(text)];
  } catch {
    return [];
  }
};

/** SigmaHQ's regression events (evtx exported to JSON) through the Windows parser. */
function windowsEvents(): RuleEvent[] {
  const records = filesUnder(new URL('regression_data/', SIGMA_ROOT), '.json').flatMap((path) =>
    jsonObjectTexts(readText(path)).flatMap(({ text }) => parseJson(text)),
  );
  return normalise(records);
}

/** Everyday Windows activity (rules-windows-benign.ts), generated, through the same parser. */
function benignWindowsEvents(): RuleEvent[] {
  return normalise(benignWindowsRecords(5000, RECEIVED_AT));
}

function networkEvents(): RuleEvent[] {
  const eve = new URL('suricata/tenzir-eve/eve.json', CORPUS_ROOT);
  const suricata = existsSync(eve) ? jsonLines(readText(eve)).flatMap(parseJson) : [];
  const zeekDir = new URL('zeek/zed-sample-data-wrccdc2018/zeek-json/', CORPUS_ROOT);
  const zeek = ['conn', 'dns', 'http', 'ssl', 'ssh', 'files', 'smb_mapping', 'dce_rpc', 'notice', 'weird'].flatMap((log) => {
    const path = new URL(`${log}.json.gz`, zeekDir);
    return existsSync(path) ? jsonLines(readText(path)).slice(0, 3000).flatMap(parseJson) : [];
  });
  return [...normalise(suricata, 'suricata'), ...normalise(zeek, 'zeek')];
}

function honeypotEvents(): RuleEvent[] {
  const dataset = new URL('minixdr/combined_cybersecurity_dataset.jsonl', CORPUS_ROOT);
  const minixdr = existsSync(dataset) ? jsonLines(readText(dataset)).flatMap(parseJson) : [];
  const synthetic = SCENARIOS.flatMap((scenario, i) =>
    generateScenario(scenario, { seed: 11 + i, startTime: RECEIVED_AT }).records.map(({ record }) => record),
  );
  const mixed = mixedStream(4000, RECEIVED_AT.getTime()).map(({ record }) => record);
  return normalise([...minixdr, ...synthetic, ...mixed]);
}

const SYSLOG_TEMPLATES = [
  (i: number) =>
    `<38>Dec  6 10:${String(i % 60).padStart(2, '0')}:01 web-${i % 7} sshd[${1000 + i}]: Failed password for invalid user admin${i % 13} from 198.51.100.${i % 250} port ${40000 + i} ssh2`,
  (i: number) =>
    `<38>Dec  6 10:11:${String(i % 60).padStart(2, '0')} web-${i % 7} sshd[${2000 + i}]: Accepted publickey for deploy from 10.1.2.${i % 250} port 51234 ssh2: RSA SHA256:abc${i}`,
  (i: number) => `<86>Dec  6 10:12:13 db-${i % 3} sudo:   alice : TTY=pts/${i % 4} ; PWD=/home/alice ; USER=root ; COMMAND=/usr/bin/systemctl restart nginx`,
  (i: number) => `<30>Dec  6 10:13:14 app-${i % 5} systemd[1]: Started Session ${i} of user bob.`,
  (i: number) => `<13>Dec  6 10:14:15 app-${i % 5} kernel: [${i}.123] audit: type=1400 apparmor="DENIED" operation="open" profile="/usr/sbin/cupsd"`,
  (i: number) =>
    `<38>Dec  6 10:15:16 web-${i % 7} useradd[${3000 + i}]: new user: name=svc${i % 9}, UID=100${i % 9}, GID=100${i % 9}, home=/home/svc, shell=/bin/bash`,
];

function syslogEvents(): RuleEvent[] {
  const lines = Array.from({ length: 1200 }, (_, i) => (SYSLOG_TEMPLATES[i % SYSLOG_TEMPLATES.length] as (i: number) => string)(i));
  return normalise(lines, 'syslog');
}

export type StreamMix = { name: string; events: RuleEvent[]; share: number };

/** Each family's share of the stream, by family name. */
export type StreamShares = Readonly<Record<string, number>>;

/**
 * The main stream: a SOC's Windows hosts send mostly everyday activity, so 30% of the events are benign Windows
 * events and 10% SigmaHQ's regression events (attacks written to trigger rules, each matched by one or more).
 */
export const MIXED_SHARES: StreamShares = {
  'Windows benign (generated)': 0.3,
  'Windows (SigmaHQ regression evtx)': 0.1,
  'Suricata + Zeek': 0.3,
  'Linux syslog / sshd': 0.1,
  'Cowrie, Mini-XDR, synthetic, agent': 0.2,
};

/** The stream of the first benchmark: every Windows event (40%) a regression event, none benign. */
export const REGRESSION_HEAVY_SHARES: StreamShares = {
  'Windows (SigmaHQ regression evtx)': 0.4,
  'Suricata + Zeek': 0.3,
  'Linux syslog / sshd': 0.1,
  'Cowrie, Mini-XDR, synthetic, agent': 0.2,
};

/** The distinct events of every family (read and parsed once). */
export function streamFamilies(): StreamMix[] {
  return [
    { name: 'Windows benign (generated)', events: benignWindowsEvents(), share: 0 },
    { name: 'Windows (SigmaHQ regression evtx)', events: windowsEvents(), share: 0 },
    { name: 'Suricata + Zeek', events: networkEvents(), share: 0 },
    { name: 'Linux syslog / sshd', events: syslogEvents(), share: 0 },
    { name: 'Cowrie, Mini-XDR, synthetic, agent', events: honeypotEvents(), share: 0 },
  ].filter((family) => family.events.length > 0);
}

/**
 * The benchmark stream: each family of events replicated (shallow copies with shifted times) to its share of
 * `total`, then interleaved in proportion, so every batch holds the mix.
 */
export function ruleBenchStream(
  total: number,
  shares: StreamShares = MIXED_SHARES,
  families: readonly StreamMix[] = streamFamilies(),
): { events: RuleEvent[]; mix: StreamMix[] } {
  const mix = families.filter((family) => (shares[family.name] ?? 0) > 0).map((family) => ({ ...family, share: shares[family.name] as number }));
  const shareSum = mix.reduce((sum, family) => sum + family.share, 0);
  const copies = mix.map((family) => {
    const count = Math.round((total * family.share) / shareSum);
    return Array.from({ length: count }, (_, i) => {
      const event = family.events[i % family.events.length] as RuleEvent;
      return { ...event, occurredAt: new Date(event.occurredAt.getTime() + i) };
    });
  });
  // each family spread evenly over the stream, so any stretch of it (a batch, the prefilter-off sample) has the shares
  const placed = copies.flatMap((family, f) => family.map((event, i) => ({ at: (i + 0.5) / family.length, f, event })));
  placed.sort((a, b) => a.at - b.at || a.f - b.f);
  return { events: placed.map(({ event }) => event), mix };
}
