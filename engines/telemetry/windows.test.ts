import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { corpusUrl, describeWithCorpus, readCorpus } from '../../tests/fixtures/corpus.ts';
import { jsonObjectTexts } from '../../tests/fixtures/corpus-text.ts';
import { detectSource } from './detect-source.ts';
import type { NormalizedEvent, ParseResult } from './event.ts';
import { parseRecord } from './index.ts';
import { parseWindows, sysmonHashes, windowsShape } from './windows.ts';

const ctx = { receivedAt: new Date('2026-06-01T00:00:00Z') };
const SYSMON = 'Microsoft-Windows-Sysmon/Operational';
const SHA256 = 'E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855';
const MD5 = 'D41D8CD98F00B204E9800998ECF8427E';
const HASHES = `SHA1=DA39A3EE5E6B4B0D3255BFEF95601890AFD80709,MD5=${MD5},SHA256=${SHA256},IMPHASH=00000000000000000000000000000000`;

const ok = (result: ParseResult): NormalizedEvent => {
  if (!result.ok) throw new Error(`rejected: ${result.reason} ${result.field ?? ''}`);
  return result.event;
};
const win = (event: NormalizedEvent) => event.attributes.win as Record<string, unknown>;

/** evtx exported to JSON (evtx_dump / SigmaHQ regression data): System plus EventData as named keys. */
const evtxSysmonProcess = () => ({
  Event: {
    '#attributes': { xmlns: 'http://schemas.microsoft.com/win/2004/08/events/event' },
    System: {
      Provider: { '#attributes': { Name: 'Microsoft-Windows-Sysmon', Guid: '5770385F-C22A-43E0-BF4C-06F5698FFBD9' } },
      EventID: 1,
      Version: 5,
      Level: 4,
      Task: 1,
      Keywords: '0x8000000000000000',
      TimeCreated: { '#attributes': { SystemTime: '2026-03-01T12:00:00.123456Z' } },
      EventRecordID: 4242,
      Channel: SYSMON,
      Computer: 'WS1.corp.example',
    },
    EventData: {
      RuleName: '-',
      UtcTime: '2026-03-01 12:00:00.120',
      Image: 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe',
      CommandLine: 'powershell.exe -enc SQBFAFgA',
      User: 'CORP\\jdoe',
      Hashes: HASHES,
      ParentImage: 'C:\\Windows\\explorer.exe',
      ProcessId: 4321,
      // a data field named like a System field must not override it
      EventID: 99,
    },
  },
});

/** Security 4625 as evtx JSON whose EventData is a `<Data Name="…">` list. */
const evtxFailedLogon = () => ({
  Event: {
    System: {
      Provider: { '#attributes': { Name: 'Microsoft-Windows-Security-Auditing' } },
      EventID: { '#attributes': { Qualifiers: '' }, '#text': '4625' },
      Level: 0,
      Keywords: '0x8010000000000000',
      TimeCreated: { '#attributes': { SystemTime: '2026-03-02T08:30:00Z' } },
      EventRecordID: '77',
      Channel: 'Security',
      Computer: 'DC1.corp.example',
    },
    EventData: {
      Data: [
        { '#attributes': { Name: 'SubjectUserName' }, '#text': '-' },
        { '#attributes': { Name: 'TargetUserName' }, '#text': 'administrator' },
        { '#attributes': { Name: 'TargetDomainName' }, '#text': 'CORP' },
        { '#attributes': { Name: 'LogonType' }, '#text': '3' },
        { '#attributes': { Name: 'IpAddress' }, '#text': '203.0.113.5' },
        { '#attributes': { Name: 'IpPort' }, '#text': '51234' },
        { '#attributes': { Name: 'WorkstationName' } },
      ],
    },
  },
});

/** Winlogbeat / Elastic Agent: winlog.* plus ECS @timestamp and message. */
const winlogbeatNetwork = () => ({
  '@timestamp': '2026-03-03T09:15:30.500Z',
  message: 'Network connection detected',
  host: { name: 'ws2' },
  winlog: {
    event_id: '3',
    channel: SYSMON,
    provider_name: 'Microsoft-Windows-Sysmon',
    computer_name: 'WS2.corp.example',
    record_id: 9001,
    event_data: {
      Image: 'C:\\Program Files\\App\\app.exe',
      User: 'CORP\\svc-app',
      Protocol: 'tcp',
      Initiated: 'true',
      SourceIp: '10.0.0.15',
      SourcePort: '49712',
      DestinationIp: '198.51.100.20',
      DestinationPort: '443',
    },
  },
});

const winlogbeatFailedLogon = () => ({
  '@timestamp': '2026-03-03T10:00:00Z',
  message: 'An account failed to log on.',
  winlog: {
    event_id: 4625,
    channel: 'Security',
    provider_name: 'Microsoft-Windows-Security-Auditing',
    computer_name: 'DC1',
    keywords: ['Audit Failure'],
    event_data: { TargetUserName: 'root', IpAddress: '2001:db8::7', IpPort: '0', LogonType: '10' },
  },
});

/** Flat Sysmon JSON (NXLog, custom forwarders): the fields at the top level. */
const flatSysmonProcess = () => ({
  EventTime: '2026-03-04 07:45:10',
  Hostname: 'WS3',
  SourceName: 'Microsoft-Windows-Sysmon',
  Channel: SYSMON,
  EventID: 1,
  Image: 'C:\\Windows\\System32\\cmd.exe',
  CommandLine: 'cmd.exe /c whoami',
  User: 'CORP\\alice',
  Hashes: `MD5=${MD5}`,
  Message: 'Process Create: …',
});

describe('parseWindows: evtx JSON', () => {
  it('Sysmon 1: time, host, user, process, command line, hashes and every field in attributes.win', () => {
    const event = ok(parseWindows(evtxSysmonProcess(), ctx));
    expect(event).toMatchObject({
      sourceKind: 'agent',
      occurredAt: new Date('2026-03-01T12:00:00.123Z'),
      category: 'process',
      action: 'windows.process_started',
      outcome: 'unknown',
      severity: 0,
      hostName: 'WS1.corp.example',
      userName: 'CORP\\jdoe',
      processName: 'powershell.exe',
      processCommandLine: 'powershell.exe -enc SQBFAFgA',
      fileSha256: SHA256.toLowerCase(),
      fileMd5: MD5.toLowerCase(),
      srcIp: null,
      dstIp: null,
    });
    expect(win(event)).toMatchObject({
      EventID: 1,
      Channel: SYSMON,
      Provider_Name: 'Microsoft-Windows-Sysmon',
      Computer: 'WS1.corp.example',
      EventRecordID: 4242,
      Image: 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe',
      ParentImage: 'C:\\Windows\\explorer.exe',
      ProcessId: 4321,
      Hashes: HASHES,
    });
    expect(event.attributes.windowsShape).toBe('evtx');
    expect(event.raw).toEqual(evtxSysmonProcess());
  });

  it('Security 4625 with a Data list: the target user, the remote address, a failure', () => {
    const event = ok(parseWindows(evtxFailedLogon(), ctx));
    expect(event).toMatchObject({
      occurredAt: new Date('2026-03-02T08:30:00Z'),
      category: 'authentication',
      action: 'windows.logon',
      outcome: 'failure',
      hostName: 'DC1.corp.example',
      userName: 'administrator',
      srcIp: '203.0.113.5',
      srcPort: 51234,
      dstIp: null,
    });
    expect(win(event)).toMatchObject({
      EventID: 4625,
      Channel: 'Security',
      Provider_Name: 'Microsoft-Windows-Security-Auditing',
      TargetUserName: 'administrator',
      LogonType: '3',
      IpAddress: '203.0.113.5',
    });
    expect(win(event).WorkstationName ?? null).toBeNull();
  });

  it('unnamed Data items (classic logs) are kept as a Data list', () => {
    const record = { Event: { System: { EventID: 7036, Channel: 'System' }, EventData: { Data: ['Windows Update', 'running'] } } };
    const event = ok(parseWindows(record, ctx));
    expect(win(event).Data).toEqual(['Windows Update', 'running']);
    expect(event.action).toBe('windows.service_state_changed');
    expect(event.occurredAt).toEqual(ctx.receivedAt);
  });

  it('Security outcome from the audit keywords when the event id does not say', () => {
    const record = (keywords: string) => ({ Event: { System: { EventID: 4701, Channel: 'Security', Keywords: keywords }, EventData: {} } });
    expect(ok(parseWindows(record('0x8020000000000000'), ctx)).outcome).toBe('success');
    expect(ok(parseWindows(record('0x8010000000000000'), ctx)).outcome).toBe('failure');
    expect(ok(parseWindows(record('0x8000000000000000'), ctx)).outcome).toBe('unknown');
    expect(ok(parseWindows(record('0x8020000000000000'), ctx)).action).toBe('windows.event_4701');
  });

  it('severity from Level (1 critical → high, 2 error → medium, 3 warning → low)', () => {
    const level = (value: number) => ok(parseWindows({ Event: { System: { EventID: 1, Channel: 'Application', Level: value } } }, ctx)).severity;
    expect([0, 1, 2, 3, 4, 5].map(level)).toEqual([0, 3, 2, 1, 0, 0]);
  });
});

describe('parseWindows: winlogbeat', () => {
  it('Sysmon 3 (event_id as text): time, addresses, ports, transport and the message', () => {
    const event = ok(parseWindows(winlogbeatNetwork(), ctx));
    expect(event).toMatchObject({
      sourceKind: 'agent',
      occurredAt: new Date('2026-03-03T09:15:30.500Z'),
      category: 'network',
      action: 'windows.connection',
      hostName: 'WS2.corp.example',
      userName: 'CORP\\svc-app',
      processName: 'app.exe',
      srcIp: '10.0.0.15',
      srcPort: 49712,
      dstIp: '198.51.100.20',
      dstPort: 443,
      transport: 'tcp',
      message: 'Network connection detected',
    });
    expect(win(event)).toMatchObject({ EventID: 3, Channel: SYSMON, Provider_Name: 'Microsoft-Windows-Sysmon', EventRecordID: 9001, Initiated: 'true' });
    expect(event.attributes.windowsShape).toBe('winlogbeat');
  });

  it('Security 4625: IPv6 source, failure', () => {
    const event = ok(parseWindows(winlogbeatFailedLogon(), ctx));
    expect(event).toMatchObject({ category: 'authentication', outcome: 'failure', userName: 'root', srcIp: '2001:db8::7', srcPort: 0, hostName: 'DC1' });
    expect(win(event)).toMatchObject({ EventID: 4625, Channel: 'Security', LogonType: '10' });
  });
});

describe('parseWindows: flat Sysmon JSON', () => {
  it('System aliases (Hostname, SourceName), EventTime, Message', () => {
    const event = ok(parseWindows(flatSysmonProcess(), ctx));
    expect(event).toMatchObject({
      occurredAt: new Date('2026-03-04T07:45:10Z'),
      category: 'process',
      action: 'windows.process_started',
      hostName: 'WS3',
      userName: 'CORP\\alice',
      processName: 'cmd.exe',
      processCommandLine: 'cmd.exe /c whoami',
      fileMd5: MD5.toLowerCase(),
      fileSha256: null,
      message: 'Process Create: …',
    });
    expect(win(event)).toMatchObject({ EventID: 1, Computer: 'WS3', Provider_Name: 'Microsoft-Windows-Sysmon', Image: 'C:\\Windows\\System32\\cmd.exe' });
    expect(event.attributes.windowsShape).toBe('flat');
  });

  it('Sysmon 3 flat: network columns; Security 4688: process from NewProcessName', () => {
    const network = ok(
      parseWindows({ EventID: 3, Channel: SYSMON, SourceIp: '10.1.1.1', DestinationIp: '10.2.2.2', DestinationPort: 3389, Image: 'C:\\x\\mstsc.exe' }, ctx),
    );
    expect(network).toMatchObject({ srcIp: '10.1.1.1', dstIp: '10.2.2.2', dstPort: 3389, processName: 'mstsc.exe', category: 'network' });
    const process = ok(parseWindows({ EventID: 4688, Channel: 'Security', NewProcessName: 'C:\\Windows\\System32\\net.exe', SubjectUserName: 'bob' }, ctx));
    expect(process).toMatchObject({ processName: 'net.exe', userName: 'bob', category: 'process', action: 'windows.process_started' });
  });

  it('malformed hashes and addresses stay out of the columns but in attributes.win', () => {
    const event = ok(parseWindows({ EventID: 3, Channel: SYSMON, SourceIp: 'not-an-ip', Hashes: 'SHA256=xyz,MD5=123', Image: 'a.exe' }, ctx));
    expect(event).toMatchObject({ srcIp: null, fileSha256: null, fileMd5: null });
    expect(win(event)).toMatchObject({ SourceIp: 'not-an-ip', Hashes: 'SHA256=xyz,MD5=123' });
  });
});

describe('sysmonHashes', () => {
  it('reads SHA1=…,MD5=… into a map by upper-cased algorithm', () => {
    expect(sysmonHashes(`md5=${MD5}, sha256=${SHA256}`)).toEqual({ MD5, SHA256 });
    expect(sysmonHashes(undefined)).toEqual({});
    expect(sysmonHashes('garbage')).toEqual({});
  });
});

describe('rejections', () => {
  const reason = (record: unknown) => {
    const result = parseWindows(record, ctx);
    return result.ok ? 'accepted' : `${result.reason}${result.field ? ` ${result.field}` : ''}`;
  };

  it('says why a record is refused', () => {
    expect(reason('EventID=1')).toBe('not_an_object');
    expect(reason(null)).toBe('not_an_object');
    expect(reason({ hello: 'world' })).toBe('unrecognised_record');
    expect(reason({ EventID: 1 })).toBe('unrecognised_record');
    expect(reason({ Event: { System: { Channel: 'Security' } } })).toBe('missing_field EventID');
    expect(reason({ Event: { System: { EventID: 'four', Channel: 'Security' } } })).toBe('invalid_field EventID');
    expect(reason({ Event: { System: { EventID: -1, Channel: 'Security' } } })).toBe('invalid_field EventID');
    expect(reason({ Event: { System: { EventID: 1.5, Channel: 'Security' } } })).toBe('invalid_field EventID');
    expect(reason({ winlog: { channel: 'Security' } })).toBe('missing_field EventID');
    const badTime = { Event: { System: { EventID: 1, Channel: SYSMON, TimeCreated: { '#attributes': { SystemTime: 'yesterday' } } } } };
    expect(reason(badTime)).toBe('invalid_timestamp TimeCreated');
    const farTime = { Event: { System: { EventID: 1, Channel: SYSMON, TimeCreated: { '#attributes': { SystemTime: '+010000-01-01T00:00:00Z' } } } } };
    expect(reason(farTime)).toBe('timestamp_out_of_range TimeCreated');
  });
});

describe('detectSource and parseRecord', () => {
  const shapes = { evtx: evtxSysmonProcess, evtxDataList: evtxFailedLogon, winlogbeat: winlogbeatNetwork, flat: flatSysmonProcess };

  it('detectSource calls every shape agent, and parseRecord("agent") hands it to parseWindows', () => {
    for (const [name, make] of Object.entries(shapes)) {
      expect({ name, source: detectSource(make()) }).toEqual({ name, source: 'agent' });
      expect(parseRecord('agent', make(), ctx)).toEqual(parseWindows(make(), ctx));
    }
    expect(windowsShape(evtxFailedLogon())).toBe('evtx');
    expect(windowsShape(winlogbeatFailedLogon())).toBe('winlogbeat');
    expect(windowsShape(flatSysmonProcess())).toBe('flat');
  });

  it('a Windows event wrapped in an agent envelope keeps the agent id and the higher severity', () => {
    const event = ok(parseRecord('agent', { event_type: 'windows.event', agent_id: 'agent-7', severity: 'high', details: flatSysmonProcess() }, ctx));
    expect(event).toMatchObject({ sourceKind: 'agent', sensorId: 'agent-7', severity: 3, processName: 'cmd.exe' });
    expect(event.attributes.agentId).toBe('agent-7');
  });

  it('parseRecord("agent") refuses what parseWindows refuses about a Windows record', () => {
    const result = parseRecord('agent', { Event: { System: { Channel: 'Security' } } }, ctx);
    expect(result).toEqual({ ok: false, reason: 'missing_field', field: 'EventID' });
  });
});

const REGRESSION = 'sigma/SigmaHQ-sigma/regression_data/';

describeWithCorpus('SigmaHQ regression events (evtx JSON)', () => {
  const events = (path: string) => jsonObjectTexts(readCorpus(`${REGRESSION}${path}`)).map(({ text }) => JSON.parse(text) as unknown);

  it('a Sysmon 1 record: every column as the evtx says', () => {
    const [record] = events('rules/windows/process_creation/proc_creation_win_findstr_lsass/fe63010f-8823-4864-a96b-a7b4a0f7b929.json');
    expect(detectSource(record)).toBe('agent');
    const event = ok(parseRecord('agent', record, ctx));
    expect(event).toMatchObject({
      occurredAt: new Date('2025-10-25T17:41:46.744Z'),
      category: 'process',
      action: 'windows.process_started',
      hostName: 'ar-win-dc.attackrange.local',
      userName: 'ATTACKRANGE\\Administrator',
      processName: 'findstr.exe',
      processCommandLine: 'findstr  lsass',
      fileSha256: '940cbec6750076f2a191cbc8da96aae1905f7d9709b48c839bbd52884eff1a45',
      fileMd5: 'd0a20941751521c0d19bd3eabf34c446',
    });
    expect(win(event)).toMatchObject({ EventID: 1, Channel: SYSMON, ParentImage: 'C:\\Windows\\System32\\cmd.exe', IntegrityLevel: 'High' });
  });

  it('a Security 4701 record: subject user, audit success from the keywords', () => {
    const [record] = events('rules/windows/builtin/security/win_security_susp_scheduled_task_delete_or_disable/7595ba94-cf3b-4471-aa03-4f6baa9e5fad.json');
    const event = ok(parseRecord('agent', record, ctx));
    expect(event).toMatchObject({ category: 'host', action: 'windows.event_4701', outcome: 'success', userName: 'xodih', hostName: 'swachchhanda' });
    expect(win(event)).toMatchObject({ EventID: 4701, Channel: 'Security', TaskName: '\\Microsoft\\Windows\\SystemRestore\\SR' });
  });

  it('every regression record is detected as agent and parsed', () => {
    const root = decodeURIComponent(corpusUrl(REGRESSION).pathname);
    const files = readdirSync(root, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile() && entry.name.endsWith('.json'))
      .map((entry) => `${entry.parentPath}/${entry.name}`.slice(root.length));
    const records = files.flatMap(events);
    const refused = records.flatMap((record) => {
      const result = parseRecord(detectSource(record), record, ctx);
      return result.ok && result.event.sourceKind === 'agent' ? [] : [JSON.stringify(result).slice(0, 200)];
    });
    // biome-ignore lint/suspicious/noConsole: the one figure this corpus test prints
    console.log(`SigmaHQ regression data: ${records.length} records in ${files.length} files, ${refused.length} refused`);
    expect(files.length).toBeGreaterThan(100);
    expect(refused).toEqual([]);
  });
});
