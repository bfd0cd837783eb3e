import { describe, expect, it } from 'vitest';
import { checkQuery } from '../check/index.ts';
import { parseKql } from '../index.ts';
import { kqlString, translateQuestion } from './index.ts';

// a Friday afternoon: "today" starts at midnight UTC, "this week" on Sunday 2026-11-29
const now = new Date('2026-12-04T15:30:00Z');
const kqlOf = (question: string, limit?: number) => translateQuestion(question, limit === undefined ? { now } : { now, limit }).kql;
const lines = (...parts: string[]) => parts.join('\n| ');

const EXAMPLES: [question: string, kql: string][] = [
  [
    'failed ssh logins from 203.0.113.7 in the last hour',
    lines(
      'Events',
      'where TimeGenerated > ago(1h)',
      'where Category == "authentication" and Outcome == "failure"',
      'where DstPort in (22, 2222) or Action startswith "syslog.sshd."',
      'where SrcIp == "203.0.113.7"',
      'sort by TimeGenerated desc',
      'take 50',
    ),
  ],
  [
    'top attacking IPs today',
    lines(
      'Alerts',
      'where TimeGenerated >= datetime(2026-12-04T00:00:00Z)',
      'where isnotempty(SrcIp)',
      'summarize Count = count(), LastSeen = max(TimeGenerated) by SrcIp',
      'top 10 by Count desc',
    ),
  ],
  [
    'incidents with ransomware this week',
    lines(
      'Incidents',
      'where TimeGenerated >= datetime(2026-11-29T00:00:00Z)',
      'where ThreatCategory == "ransomware" or Title has "ransomware" or Description has "ransomware" or Reason has "ransomware"',
      'sort by TimeGenerated desc',
      'take 50',
    ),
  ],
  [
    'show critical alerts from the past 3 days',
    lines('Alerts', 'where TimeGenerated > ago(3d)', 'where Severity == "critical"', 'sort by TimeGenerated desc', 'take 50'),
  ],
  [
    'powershell encoded commands yesterday',
    lines(
      'Events',
      'where TimeGenerated >= datetime(2026-12-03T00:00:00Z) and TimeGenerated < datetime(2026-12-04T00:00:00Z)',
      'where ProcessName has_any ("powershell", "pwsh")',
      'where ProcessCommandLine contains "-enc" or ProcessCommandLine contains " -e " or ProcessCommandLine contains " -ec " or ProcessCommandLine contains "base64"',
      'sort by TimeGenerated desc',
      'take 50',
    ),
  ],
  [
    'failed windows logins per hour last 24 hours',
    lines(
      'Events',
      'where TimeGenerated > ago(24h)',
      'where Category == "authentication" and Outcome == "failure"',
      'where Action == "windows.logon"',
      'summarize Count = count() by bin(TimeGenerated, 1h)',
      'sort by TimeGenerated asc',
    ),
  ],
  [
    'event 4625 on host DC01 in the past 2 days',
    lines(
      'Events',
      'where TimeGenerated > ago(2d)',
      'where Category == "authentication" and Outcome == "failure"',
      'where Action == "windows.logon"',
      'where HostName =~ "DC01"',
      'sort by TimeGenerated desc',
      'take 50',
    ),
  ],
  [
    'failed rdp logins last 2 days',
    lines(
      'Events',
      'where TimeGenerated > ago(2d)',
      'where Category == "authentication" and Outcome == "failure"',
      'where DstPort == 3389 or tostring(Attributes.win.LogonType) == "10"',
      'sort by TimeGenerated desc',
      'take 50',
    ),
  ],
  [
    'successful ssh logins for user root since 2026-12-01',
    lines(
      'Events',
      'where TimeGenerated >= datetime(2026-12-01T00:00:00Z)',
      'where Category == "authentication" and Outcome == "success"',
      'where DstPort in (22, 2222) or Action startswith "syslog.sshd."',
      'where UserName =~ "root"',
      'sort by TimeGenerated desc',
      'take 50',
    ),
  ],
  [
    'top 5 users with failed logins since 2026-12-01',
    lines(
      'Events',
      'where TimeGenerated >= datetime(2026-12-01T00:00:00Z)',
      'where Category == "authentication" and Outcome == "failure"',
      'where isnotempty(UserName)',
      'summarize Count = count(), LastSeen = max(TimeGenerated) by UserName',
      'top 5 by Count desc',
    ),
  ],
  [
    'top 3 hosts by failed logins',
    lines(
      'Events',
      'where Category == "authentication" and Outcome == "failure"',
      'where isnotempty(HostName)',
      'summarize Count = count(), LastSeen = max(TimeGenerated) by HostName',
      'top 3 by Count desc',
    ),
  ],
  [
    'how many high or above incidents this month',
    lines('Incidents', 'where TimeGenerated >= datetime(2026-12-01T00:00:00Z)', 'where Severity in ("high", "critical")', 'count'),
  ],
  [
    'list brute force incidents with high severity',
    lines(
      'Incidents',
      'where ThreatCategory == "brute_force" or Title has "brute force" or Description has "brute force" or Reason has "brute force"',
      'where Severity == "high"',
      'sort by TimeGenerated desc',
      'take 50',
    ),
  ],
  [
    'phishing or malware alerts today',
    lines(
      'Alerts',
      'where TimeGenerated >= datetime(2026-12-04T00:00:00Z)',
      'where Category in ("malware", "phishing") or Title has_any ("malware", "phishing") or Description has_any ("malware", "phishing")',
      'sort by TimeGenerated desc',
      'take 50',
    ),
  ],
  [
    'open incidents about mimikatz',
    lines(
      'Incidents',
      'where Status == "open"',
      'where Title has "mimikatz" or Description has "mimikatz" or Reason has "mimikatz"',
      'sort by TimeGenerated desc',
      'take 50',
    ),
  ],
  ['alerts for 10.0.0.0/8', lines('Alerts', 'where ipv4_is_in_range(SrcIp, "10.0.0.0/8")', 'sort by TimeGenerated desc', 'take 50')],
  [
    'traffic from ip 192.0.2.1 to 10.0.0.5 on port 443',
    lines('NetworkEvents', 'where SrcIp == "192.0.2.1"', 'where DstIp == "10.0.0.5"', 'where DstPort == 443', 'sort by TimeGenerated desc', 'take 50'),
  ],
  [
    'connections to evil.example.net',
    lines(
      'NetworkEvents',
      'where DnsQuery has "evil.example.net" or HttpHost has "evil.example.net" or TlsSni has "evil.example.net" or Url has "evil.example.net"',
      'sort by TimeGenerated desc',
      'take 50',
    ),
  ],
  [
    'events with hash 44D88612FEA8A8F36DE82E1278ABB02F',
    lines('Events', 'where FileMd5 == "44d88612fea8a8f36de82e1278abb02f"', 'sort by TimeGenerated desc', 'take 50'),
  ],
  ['events for user alice on host web-01', lines('Events', 'where UserName =~ "alice"', 'where HostName =~ "web-01"', 'sort by TimeGenerated desc', 'take 50')],
  ['activity of 2001:db8::7', lines('Events', 'where SrcIp == "2001:db8::7" or DstIp == "2001:db8::7"', 'sort by TimeGenerated desc', 'take 50')],
  [
    'alerts about hxxp://evil.example/login.php',
    lines('Alerts', 'where Url contains "http://evil.example/login.php"', 'sort by TimeGenerated desc', 'take 50'),
  ],
  [
    'critical events per day',
    lines('Events', 'where SeverityName == "critical"', 'summarize Count = count() by bin(TimeGenerated, 1d)', 'sort by TimeGenerated asc'),
  ],
  [
    'command line containing whoami in the last 30 minutes',
    lines('Events', 'where TimeGenerated > ago(30m)', 'where ProcessCommandLine contains "whoami"', 'sort by TimeGenerated desc', 'take 50'),
  ],
  [
    'top domains in network events',
    lines('NetworkEvents', 'where isnotempty(DnsQuery)', 'summarize Count = count(), LastSeen = max(TimeGenerated) by DnsQuery', 'top 10 by Count desc'),
  ],
  [
    'processes named mimikatz.exe',
    lines(
      'Events',
      'where Category == "process"',
      'where FileName =~ "mimikatz.exe" or ProcessName =~ "mimikatz.exe"',
      'sort by TimeGenerated desc',
      'take 50',
    ),
  ],
];

describe('translateQuestion: the KQL for each question', () => {
  it.each(EXAMPLES)('%s', (question, kql) => {
    expect(kqlOf(question)).toBe(kql);
  });

  it('every generated query parses and type-checks against the catalogue', () => {
    for (const [question] of EXAMPLES) {
      const { kql } = translateQuestion(question, { now });
      expect(() => checkQuery(parseKql(kql)), question).not.toThrow();
    }
  });

  it('takes the requested number of rows, clamped to 1–1000', () => {
    expect(kqlOf('critical alerts', 7)).toMatch(/\| take 7$/);
    expect(kqlOf('critical alerts', 0)).toMatch(/\| take 1$/);
    expect(kqlOf('critical alerts', 50_000)).toMatch(/\| take 1000$/);
  });
});

describe('translateQuestion: what it understood', () => {
  it('reports intent, entities, time and categories', () => {
    const result = translateQuestion('failed ssh logins from 203.0.113.7 in the last hour', { now });
    expect(result.understanding).toMatchObject({
      intent: 'failed_logins',
      entities: { ips: [{ value: '203.0.113.7', direction: 'src' }] },
      time_constraints: { phrase: 'last 1 hour', kind: 'relative', start: '2026-12-04T14:30:00.000Z', end: '2026-12-04T15:30:00.000Z' },
      threat_categories: [],
      filters: { table: 'Events', login: { outcome: 'failure', protocols: ['ssh'] } },
    });
    expect(result.time_range).toEqual({ start: '2026-12-04T14:30:00.000Z', end: '2026-12-04T15:30:00.000Z' });
    expect(result.confidence).toBe(1);
    expect(result.unrecognised).toEqual([]);
  });

  it('classifies every indicator kind', () => {
    const { entities } = translateQuestion(
      'events from 198.51.100.9 to 10.1.0.0/16 with sha256 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08 sha1 a9993e364706816aba3e25717850c26c9cd0d89d domain bad.example.org url https://bad.example.org/x?y=1',
      { now },
    ).understanding;
    expect(entities).toMatchObject({
      ips: [{ value: '198.51.100.9', direction: 'src' }],
      cidrs: [{ value: '10.1.0.0/16', direction: 'dst' }],
      hashes: [
        { value: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08', kind: 'sha256' },
        { value: 'a9993e364706816aba3e25717850c26c9cd0d89d', kind: 'sha1' },
      ],
      domains: ['bad.example.org'],
      urls: ['https://bad.example.org/x?y=1'],
    });
  });

  it('names the words it did not use and lowers its confidence', () => {
    const result = translateQuestion('critical alerts for the quarterly board deck', { now });
    expect(result.kql).toBe(lines('Alerts', 'where Severity == "critical"', 'sort by TimeGenerated desc', 'take 50'));
    expect(result.unrecognised).toEqual(['quarterly', 'board', 'deck']);
    expect(result.confidence).toBe(0.7);
  });

  it('understands nothing in small talk and says so with confidence 0', () => {
    const result = translateQuestion('tell me something nice', { now });
    expect(result.confidence).toBe(0);
    expect(result.unrecognised).toEqual(['something', 'nice']);
    expect(result.understanding.intent).toBe('event_search');
  });

  it('reports filters the chosen table cannot express instead of dropping them silently', () => {
    const result = translateQuestion('incidents for failed ssh logins on port 22', { now });
    expect(result.kql).toBe(lines('Incidents', 'sort by TimeGenerated desc', 'take 50'));
    expect(result.ignored).toEqual(['the login filter (Incidents have no authentication outcome; ask for events)', 'port 22 (Incidents have no port column)']);
  });

  it('reads "high" as a severity only next to a severity or table word', () => {
    expect(translateQuestion('high severity incidents', { now }).understanding.filters.severities).toEqual(['high']);
    expect(translateQuestion('events with high entropy', { now }).understanding.filters.severities).toEqual([]);
  });
});

describe('translateQuestion: values never change the query structure', () => {
  it('escapes quotes and backslashes in a quoted phrase', () => {
    const kql = kqlOf('incidents mentioning "a\\" | take 1 or 1==1"');
    expect(kql).toBe(lines('Incidents', 'where Title has "a\\\\" or Description has "a\\\\" or Reason has "a\\\\"', 'sort by TimeGenerated desc', 'take 50'));
    expect(() => parseKql(kql)).not.toThrow();
  });

  it('keeps a pipe or quote written outside a phrase out of the query', () => {
    const result = translateQuestion('events for user x"|take 1 on host a|b', { now });
    expect(result.kql).toBe(lines('Events', 'sort by TimeGenerated desc', 'take 50'));
    expect(result.unrecognised).toContain('x|take');
  });

  it('accepts a DOMAIN\\user account and escapes its backslash', () => {
    expect(kqlOf('alerts for account CORP\\svc-backup')).toBe(
      lines('Alerts', 'where UserName =~ "CORP\\\\svc-backup"', 'sort by TimeGenerated desc', 'take 50'),
    );
  });

  it('kqlString escapes every character that could end a literal', () => {
    expect(kqlString('a"b\\c\nd\re\tf')).toBe('"a\\"b\\\\c\\nd\\re\\tf"');
    expect(() => kqlString('bell\u0007')).toThrow(RangeError);
  });
});

describe('translateQuestion: time phrases', () => {
  const rangeOf = (question: string) => translateQuestion(question, { now }).time_range;

  it.each([
    ['events in the last 24 hours', '2026-12-03T15:30:00.000Z', 'TimeGenerated > ago(24h)'],
    ['events over the past 7d', '2026-11-27T15:30:00.000Z', 'TimeGenerated > ago(7d)'],
    ['events last week', '2026-11-27T15:30:00.000Z', 'TimeGenerated > ago(7d)'],
    ['events in the last two weeks', '2026-11-20T15:30:00.000Z', 'TimeGenerated > ago(14d)'],
    ['events this week', '2026-11-29T00:00:00.000Z', 'TimeGenerated >= datetime(2026-11-29T00:00:00Z)'],
    ['events since yesterday', '2026-12-03T00:00:00.000Z', 'TimeGenerated >= datetime(2026-12-03T00:00:00Z)'],
    ['events since 2026-12-02T08:00Z', '2026-12-02T08:00:00.000Z', 'TimeGenerated >= datetime(2026-12-02T08:00:00Z)'],
  ])('%s', (question, start, predicate) => {
    expect(rangeOf(question)).toEqual({ start, end: now.toISOString() });
    expect(kqlOf(question).split('\n| ')[1]).toBe(`where ${predicate}`);
  });

  it('leaves the range to the engine when the question has none, and refuses windows over a year or in the future', () => {
    expect(rangeOf('critical alerts')).toBeNull();
    expect(rangeOf('events in the last 9999 days')).toBeNull();
    expect(rangeOf('events since 2027-01-01')).toBeNull();
  });
});

describe('translateQuestion: any text yields KQL that parses', () => {
  // a fixed linear congruential sequence: the same 300 questions on every run
  function* questions(count: number): Generator<string> {
    const parts = [
      'failed',
      'ssh',
      'logins',
      'top',
      '5',
      'users',
      'from',
      '203.0.113.7',
      'user',
      'host',
      'port',
      '22',
      'with',
      'incidents',
      'alerts',
      'critical',
      'high',
      'or',
      'above',
      'per',
      'hour',
      'last',
      '3',
      'days',
      'today',
      'since',
      '2026-12-01',
      'powershell',
      'encoded',
      'command',
      'line',
      'containing',
      '"a|b"',
      '"x\\"y"',
      '|',
      '"',
      "'",
      '\\',
      '//',
      '/*',
      'take',
      '1==1',
      'evil.example',
      '10.0.0.0/8',
      'hxxp://a.example/x',
      'DOMAIN\\bob',
      '(',
      ')',
      ';',
      'let',
      'x=1',
      '4625',
      'rdp',
      'ransomware',
      'brute',
      'force',
      'open',
      'status',
    ];
    let state = 12_345;
    for (let n = 0; n < count; n++) {
      const words: string[] = [];
      const length = 1 + (state % 9);
      for (let i = 0; i < length; i++) {
        state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
        words.push(parts[state % parts.length] as string);
      }
      yield words.join(state % 3 === 0 ? ' ' : '  ');
    }
  }

  it('for 300 mixed questions, including quotes, pipes and comments', () => {
    for (const question of questions(300)) {
      const { kql } = translateQuestion(question, { now });
      expect(() => checkQuery(parseKql(kql)), `${question}\n${kql}`).not.toThrow();
    }
  });
});
