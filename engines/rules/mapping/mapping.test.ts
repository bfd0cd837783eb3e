import { describe, expect, it } from 'vitest';
import { parseWindows } from '../../telemetry/windows.ts';
import { blankRuleEvent } from '../blank-event.ts';
import type { Condition, Logsource, RuleEvent } from '../types.ts';
import { VIGIL_MAPPING } from './index.ts';

const { logsource, field, eventKeys } = VIGIL_MAPPING;

function supported(source: Logsource): { condition: Condition; keys: string[] } {
  const answer = logsource(source);
  if ('unsupported' in answer) throw new Error(`unsupported: ${answer.unsupported}`);
  return answer;
}

function unsupportedReason(source: Logsource): string {
  const answer = logsource(source);
  if (!('unsupported' in answer)) throw new Error(`expected ${JSON.stringify(source)} to be unsupported`);
  return answer.unsupported;
}

/** Every `field` leaf of a condition as `path test…`, to see what the mapping asks of an event. */
function leaves(condition: Condition): string[] {
  switch (condition.type) {
    case 'and':
    case 'or':
      return condition.items.flatMap(leaves);
    case 'not':
      return leaves(condition.item);
    case 'field':
      return [`${condition.paths.join('|')} ${condition.tests.map((test) => ('value' in test ? `${test.op}:${String(test.value)}` : test.op)).join(',')}`];
    default:
      return [condition.type];
  }
}

const RECEIVED_AT = new Date('2026-01-01T00:00:00Z');

function parsedEvent(record: Record<string, unknown>): RuleEvent {
  const parsed = parseWindows(record, { receivedAt: RECEIVED_AT });
  if (!parsed.ok) throw new Error(`rejected: ${parsed.reason} ${parsed.field ?? ''}`);
  return parsed.event;
}

const sysmonProcess = () =>
  parsedEvent({
    EventID: 1,
    Channel: 'Microsoft-Windows-Sysmon/Operational',
    Computer: 'ws1',
    Image: 'C:\\Windows\\System32\\whoami.exe',
    CommandLine: 'whoami /all',
    UtcTime: '2026-01-01 10:00:00.000',
  });

const blankEvent = (columns: Partial<RuleEvent>): RuleEvent =>
  blankRuleEvent({ occurredAt: RECEIVED_AT, sourceKind: 'custom', category: 'host', action: 'custom.event', ...columns });

describe('VIGIL_MAPPING.logsource', () => {
  it('windows process_creation: Sysmon 1 or Security 4688 of an agent Windows event', () => {
    const answer = supported({ product: 'windows', category: 'process_creation' });
    expect(answer.keys).toEqual(['windows/process_creation']);
    expect(leaves(answer.condition)).toEqual([
      'sourceKind equals:agent',
      'attributes.win exists:true',
      'attributes.win.Channel equals:Microsoft-Windows-Sysmon/Operational',
      'attributes.win.EventID number:1',
      'attributes.win.Channel equals:Security',
      'attributes.win.EventID number:4688',
    ]);
  });

  it('windows service security: the Security channel', () => {
    const answer = supported({ product: 'windows', service: 'security' });
    expect(answer.keys).toEqual(['windows/service=security']);
    expect(leaves(answer.condition)).toEqual(['sourceKind equals:agent', 'attributes.win exists:true', 'attributes.win.Channel equals:Security']);
  });

  it('windows with neither category nor service: every Windows event', () => {
    const answer = supported({ product: 'windows' });
    expect(answer.keys).toEqual(['windows']);
    expect(leaves(answer.condition)).toEqual(['sourceKind equals:agent', 'attributes.win exists:true']);
  });

  it('windows categories and services with no event log are unsupported, saying why', () => {
    expect(unsupportedReason({ product: 'windows', category: 'process_creation_etw' })).toContain('ETW-only');
    expect(unsupportedReason({ product: 'windows', category: 'no_such_category' })).toContain('windows/no_such_category');
    expect(unsupportedReason({ product: 'windows', service: 'no-such-service' })).toContain('windows/no-such-service');
  });

  it('linux: syslog records, and the agent for process_creation', () => {
    expect(supported({ product: 'linux' }).keys).toEqual(['linux//']);
    const sshd = supported({ product: 'linux', service: 'sshd' });
    expect(sshd.keys).toEqual(['linux//sshd']);
    expect(leaves(sshd.condition)).toEqual(['sourceKind equals:syslog', 'processName equals:sshd']);
    const process = supported({ product: 'linux', category: 'process_creation' });
    expect(process.keys).toEqual(['linux/process_creation/']);
    expect(leaves(process.condition)).toContain('sourceKind equals:agent,equals:edr');
    const auditd = supported({ product: 'linux', service: 'auditd' });
    expect(auditd.keys).toEqual(['linux//auditd']);
    expect(VIGIL_MAPPING.field({ product: 'linux', service: 'auditd' }, 'a0')).toEqual(['attributes.auditd.a0']);
  });

  it('zeek: the sensor, its service the record type', () => {
    expect(supported({ product: 'zeek' })).toEqual({ condition: expect.anything(), keys: ['zeek//'] });
    const dns = supported({ product: 'zeek', service: 'dns' });
    expect(dns.keys).toEqual(['zeek//dns']);
    expect(leaves(dns.condition)).toEqual(['sourceKind equals:zeek', 'action equals:zeek.dns', 'action startswith:zeek.dns.']);
  });

  it('category webserver: HTTP events of the network sensors', () => {
    const web = supported({ category: 'webserver' });
    expect(web.keys).toEqual(['/webserver/']);
    expect(leaves(web.condition)).toEqual(['sourceKind equals:zeek,equals:suricata', 'category equals:web']);
  });

  it('cloud products are unsupported, with a reason', () => {
    expect(unsupportedReason({ product: 'aws', service: 'cloudtrail' })).toBe('cloud and SaaS audit logs are not ingested (aws//cloudtrail)');
    expect(unsupportedReason({ product: 'azure', service: 'signinlogs' })).toContain('cloud');
    expect(unsupportedReason({ category: 'antivirus' })).toContain('antivirus');
    expect(unsupportedReason({ product: 'nosuchproduct' })).toContain('no Vigil source produces this logsource');
  });
});

describe('VIGIL_MAPPING.field', () => {
  it('Windows fields: the event field, its alias in the category, and the same-valued column', () => {
    const processCreation = { product: 'windows', category: 'process_creation' };
    expect(field(processCreation, 'CommandLine')).toEqual(['attributes.win.CommandLine', 'processCommandLine']);
    expect(field(processCreation, 'Image')).toEqual(['attributes.win.Image', 'attributes.win.NewProcessName']);
    expect(field(processCreation, 'ParentImage')).toEqual(['attributes.win.ParentImage', 'attributes.win.ParentProcessName']);
    expect(field({ product: 'windows', category: 'network_connection' }, 'DestinationIp')).toEqual(['attributes.win.DestinationIp', 'dstIp']);
    expect(field({ product: 'windows', service: 'security' }, 'Provider.Name')).toEqual(['attributes.win.Provider_Name']);
    expect(field({ product: 'windows', service: 'security' }, 'TargetUserName')).toEqual(['attributes.win.TargetUserName']);
  });

  it('sensor, generic and unknown fields', () => {
    expect(field({ product: 'zeek', service: 'dns' }, 'query')).toEqual(['raw.query']);
    expect(field({ product: 'osquery' }, 'name')).toEqual(['raw.columns.name', 'raw.name']);
    expect(field({ category: 'webserver' }, 'cs-method')).toEqual(['attributes.httpMethod']);
    expect(field({ category: 'dns' }, 'query')).toEqual(['attributes.dnsQuery']);
    expect(field({ product: 'linux', category: 'process_creation' }, 'CommandLine')).toEqual(['processCommandLine']);
    expect(field({ category: 'webserver' }, 'some-unknown-field')).toEqual(['attributes.some-unknown-field', 'raw.some-unknown-field']);
    expect(field({}, 'x')).toEqual(['attributes.x', 'raw.x']);
  });

  it('is never empty', () => {
    const sources: Logsource[] = [
      {},
      { product: 'windows' },
      { product: 'windows', category: 'process_creation' },
      { product: 'windows', category: 'no_such_category' },
      { product: 'windows', service: 'security' },
      { product: 'linux' },
      { product: 'linux', service: 'sshd' },
      { product: 'zeek', service: 'dns' },
      { product: 'suricata' },
      { category: 'webserver' },
      { category: 'proxy' },
      { product: 'aws', service: 'cloudtrail' },
    ];
    const names = ['CommandLine', 'Image', 'User', 'c-uri', 'query', 'EventID', 'Provider.Name', 'a.b.c', 'unknown'];
    const empty = sources.flatMap((source) => names.filter((name) => field(source, name).length === 0).map((name) => `${JSON.stringify(source)} ${name}`));
    expect(empty).toEqual([]);
  });
});

describe('VIGIL_MAPPING.eventKeys', () => {
  it("a Sysmon 1 event's keys include process_creation's key, the Sysmon service and windows", () => {
    const keys = eventKeys(sysmonProcess());
    expect(keys).toContain(supported({ product: 'windows', category: 'process_creation' }).keys[0]);
    expect(keys).toContain(supported({ product: 'windows', service: 'sysmon' }).keys[0]);
    expect(keys).toContain(supported({ product: 'windows' }).keys[0]);
    expect(keys).not.toContain(supported({ product: 'windows', category: 'network_connection' }).keys[0]);
    expect(keys).not.toContain(supported({ product: 'windows', service: 'security' }).keys[0]);
  });

  it('a Security 4688 event is keyed process_creation and service=security', () => {
    const keys = eventKeys(parsedEvent({ EventID: 4688, Channel: 'Security', NewProcessName: 'C:\\Windows\\System32\\cmd.exe' }));
    expect(keys).toEqual(expect.arrayContaining(['windows', 'windows/service=security', 'windows/process_creation']));
  });

  it('a Sysmon 12 event has every registry category its EventID belongs to', () => {
    const keys = eventKeys(parsedEvent({ EventID: 12, Channel: 'Microsoft-Windows-Sysmon/Operational', TargetObject: 'HKLM\\x', EventType: 'CreateKey' }));
    expect(keys).toEqual(expect.arrayContaining(['windows/registry_event', 'windows/registry_add', 'windows/registry_delete']));
  });

  it('non-Windows events: the generic entries and the sensor product/service', () => {
    expect(eventKeys(blankEvent({ sourceKind: 'zeek', category: 'dns', action: 'zeek.dns' }))).toEqual(['/dns/', 'zeek//', 'zeek//dns']);
    expect(eventKeys(blankEvent({ sourceKind: 'suricata', category: 'web', action: 'suricata.http' }))).toEqual([
      '/proxy/',
      '/webserver/',
      'suricata//',
      'suricata//http',
    ]);
    expect(eventKeys(blankEvent({ sourceKind: 'syslog', category: 'authentication', processName: 'sshd' }))).toEqual(
      expect.arrayContaining(['linux//', 'linux//syslog', 'linux//auth', 'linux//sshd']),
    );
    expect(eventKeys(blankEvent({}))).toEqual([]);
  });

  it('every supported logsource in these tests is reachable: an event matching its condition has its key', () => {
    const event = sysmonProcess();
    for (const source of [{ product: 'windows' }, { product: 'windows', category: 'process_creation' }, { product: 'windows', service: 'sysmon' }]) {
      expect(eventKeys(event)).toEqual(expect.arrayContaining(supported(source).keys));
    }
  });
});
