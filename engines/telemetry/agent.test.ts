import { describe, expect, it } from 'vitest';
import { parseAgent, parseEdr } from './agent.ts';
import type { NormalizedEvent, ParseResult } from './event.ts';
import { sha256Hex } from './hash.ts';
import { parseSiem } from './siem.ts';

const ctx = { receivedAt: new Date('2026-01-01T00:00:00Z') };
const ok = (r: ParseResult): NormalizedEvent => {
  if (!r.ok) throw new Error(`rejected: ${r.reason} ${r.field ?? ''}`);
  return r.event;
};
// the Python agent's enrichment of every event's details (eventsec.md §6.1)
const enrichment = {
  hostname: 'WS-042',
  username: 'jdoe',
  os: 'Windows',
  os_version: '10.0.19045',
  ip_address: '10.1.2.3',
  timestamp: '2026-02-01T09:30:00Z',
  event_time: '2026-02-01T09:30:00.250Z',
  received_time: '2026-02-01T09:30:01Z',
  source: 'agent',
};

describe('parseAgent: EventSec POST /events bodies', () => {
  it('edr.process_start (SYNTHETIC_TELEMETRY shape: hostname, username, process_name, command_line, pid, ppid)', () => {
    const e = ok(
      parseAgent(
        {
          event_type: 'edr.process_start',
          severity: 'high',
          category: 'edr',
          details: { hostname: 'WS-042', username: 'jdoe', process_name: 'powershell.exe', command_line: 'powershell -enc SQBFAFgA', pid: 4242, ppid: 1000 },
        },
        ctx,
      ),
    );
    expect(e).toMatchObject({
      sourceKind: 'agent',
      action: 'agent.edr.process_start',
      category: 'process',
      kind: 'event',
      severity: 3,
      hostName: 'WS-042',
      userName: 'jdoe',
      processName: 'powershell.exe',
      processCommandLine: 'powershell -enc SQBFAFgA',
      occurredAt: ctx.receivedAt,
      attributes: { pid: 4242, ppid: 1000, eventType: 'edr.process_start', sourceCategory: 'edr' },
    });
  });

  it('edr_network_connection with the agent enrichment: 5-tuple, details.event_time is the event time', () => {
    const e = ok(
      parseAgent(
        {
          event_type: 'edr_network_connection',
          severity: 'low',
          category: 'edr',
          details: {
            ...enrichment,
            dst_ip: '203.0.113.80',
            dst_port: 4444,
            src_ip: '10.1.2.3',
            src_port: 50123,
            protocol: 'TCP',
            process_name: 'rundll32.exe',
            action: 'connect',
          },
        },
        ctx,
      ),
    );
    expect(e).toMatchObject({
      category: 'network',
      severity: 1,
      srcIp: '10.1.2.3',
      srcPort: 50123,
      dstIp: '203.0.113.80',
      dstPort: 4444,
      transport: 'tcp',
      processName: 'rundll32.exe',
      occurredAt: new Date('2026-02-01T09:30:00.250Z'),
      attributes: { action: 'connect', os: 'Windows', ip_address: '10.1.2.3' },
    });
  });

  it('logcollector lines (category is a file path), url visits, IOC hits and malware', () => {
    const log = ok(
      parseAgent(
        { event_type: 'logcollector', severity: 'medium', category: '/var/log/syslog', details: { message: 'warn: disk 91% full', hostname: 'srv' } },
        ctx,
      ),
    );
    expect(log).toMatchObject({ category: 'host', message: 'warn: disk 91% full', attributes: { sourceCategory: '/var/log/syslog' } });
    const visit = ok(
      parseAgent({ event_type: 'edr.url_visit', severity: 'low', details: { url: 'http://evil.test/login', domain: 'evil.test', browser: 'chrome' } }, ctx),
    );
    expect(visit).toMatchObject({ category: 'web', url: 'http://evil.test/login', attributes: { domain: 'evil.test', browser: 'chrome' } });
    expect(ok(parseAgent({ event_type: 'ioc_hit', severity: 'high', details: { ioc_value: '203.0.113.80' } }, ctx))).toMatchObject({
      kind: 'alert',
      category: 'threat',
      severity: 3,
    });
    // the agent sends "info" for clean scans, which EventSec's API refused with 422: accepted here as 0
    expect(ok(parseAgent({ event_type: 'edr.malware_scan', severity: 'info', details: { infected: false } }, ctx))).toMatchObject({
      kind: 'event',
      severity: 0,
      category: 'malware',
    });
    expect(ok(parseAgent({ event_type: 'edr.malware_scan', severity: 'high', details: { infected: true } }, ctx)).kind).toBe('alert');
    expect(
      ok(parseAgent({ event_type: 'edr.malware_detection', severity: 'critical', details: { sha256: 'A'.repeat(64), file_path: 'C:\\x.exe' } }, ctx)),
    ).toMatchObject({ kind: 'alert', severity: 4, fileSha256: 'a'.repeat(64), fileName: 'C:\\x.exe' });
    expect(ok(parseAgent({ event_type: 'agent_status', severity: 'high', details: { status: 'offline' } }, ctx)).kind).toBe('state');
  });

  it('the Go agent telemetry envelope (schema.json 1.0.0): event_id, host, timestamp_utc, attributes', () => {
    const e = ok(
      parseAgent(
        {
          schema_version: '1.0.0',
          event_type: 'file_write',
          event_id: '5f0c2a9e-2f5d-4a7e-9d0b-3c1e6f7a8b9c',
          agent_id: 'agent-7',
          host: 'build-01',
          os: 'linux',
          timestamp_utc: '2026-02-02T03:04:05Z',
          attributes: { path: '/etc/cron.d/x', sha256: 'b'.repeat(64) },
        },
        ctx,
      ),
    );
    expect(e).toMatchObject({
      category: 'file',
      hostName: 'build-01',
      fileName: '/etc/cron.d/x',
      sensorId: 'agent-7',
      occurredAt: new Date('2026-02-02T03:04:05Z'),
      dedupKey: sha256Hex('agent|5f0c2a9e-2f5d-4a7e-9d0b-3c1e6f7a8b9c'),
      attributes: { os: 'linux', schemaVersion: '1.0.0', agentId: 'agent-7' },
    });
  });

  it('dedups by event id, else by content; rejects missing event_type, non-object details, bad times', () => {
    const body = { event_type: 'heartbeat', severity: 'low', details: { n: 1 } };
    expect(ok(parseAgent(body, ctx)).dedupKey).toBe(ok(parseAgent({ details: { n: 1 }, severity: 'low', event_type: 'heartbeat' }, ctx)).dedupKey);
    expect(ok(parseAgent(body, ctx)).dedupKey).not.toBe(ok(parseAgent({ ...body, details: { n: 2 } }, ctx)).dedupKey);
    expect(parseAgent({ severity: 'low', details: {} }, ctx)).toEqual({ ok: false, reason: 'missing_field', field: 'event_type' });
    expect(parseAgent({ event_type: 'x', details: 'text' }, ctx)).toEqual({ ok: false, reason: 'invalid_field', field: 'details' });
    expect(parseAgent({ event_type: 'x', timestamp: 'later' }, ctx)).toEqual({ ok: false, reason: 'invalid_timestamp', field: 'timestamp' });
    expect(ok(parseAgent({ event_type: 'x', severity: 'bogus' }, ctx))).toMatchObject({ severity: 0, attributes: { sourceSeverity: 'bogus' } });
  });
});

describe('parseEdr: the /edr/events item shape', () => {
  it('maps hostname, username, process_name, action and severity', () => {
    const e = ok(
      parseEdr(
        {
          timestamp: '2026-02-03T10:00:00Z',
          hostname: 'WS-9',
          username: 'alice',
          event_type: 'edr.process_start',
          process_name: 'cmd.exe',
          action: 'start',
          severity: 'medium',
          details: { command_line: 'cmd /c whoami', pid: 9 },
        },
        ctx,
      ),
    );
    expect(e).toMatchObject({
      sourceKind: 'edr',
      action: 'edr.process_start',
      category: 'process',
      severity: 2,
      hostName: 'WS-9',
      userName: 'alice',
      processName: 'cmd.exe',
      processCommandLine: 'cmd /c whoami',
      attributes: { edrAction: 'start', pid: 9 },
    });
  });
});

describe('parseSiem', () => {
  it('the /siem/events item: host, source, message, and the raw event inside', () => {
    const e = ok(
      parseSiem(
        {
          timestamp: '2026-02-04T11:00:00Z',
          host: 'db-1',
          source: 'agent',
          category: 'auth',
          severity: 'high',
          message: 'sudo failure',
          raw: {
            event_id: 'ev-77',
            agent_id: 3,
            event_type: 'login_failed',
            severity: 'high',
            category: 'auth',
            details: { username: 'root', success: false },
          },
        },
        ctx,
      ),
    );
    expect(e).toMatchObject({
      sourceKind: 'siem',
      action: 'siem.login_failed',
      category: 'authentication',
      severity: 3,
      hostName: 'db-1',
      userName: 'root',
      outcome: 'failure',
      message: 'sudo failure',
      dedupKey: sha256Hex('siem|ev-77'),
      sensorId: '3',
    });
  });

  it('Wazuh alerts: level 12 → high, 5 → medium, groups → category and outcome, full_log as message', () => {
    const wazuh = {
      timestamp: '2026-02-05T08:00:00.123+0000',
      id: '1738742400.123456',
      rule: {
        level: 12,
        description: 'sshd: brute force trying to get access to the system.',
        id: '5712',
        groups: ['syslog', 'sshd', 'authentication_failures'],
        mitre: { id: ['T1110'] },
      },
      agent: { id: '001', name: 'web-02', ip: '10.0.0.12' },
      full_log: 'Feb  5 08:00:00 web-02 sshd[1]: Failed password for root from 198.51.100.9 port 22 ssh2',
      data: { srcip: '198.51.100.9', srcport: '22', dstuser: 'root' },
      decoder: { name: 'sshd' },
      location: '/var/log/auth.log',
    };
    expect(ok(parseSiem(wazuh, ctx))).toMatchObject({
      kind: 'alert',
      severity: 3,
      category: 'authentication',
      outcome: 'failure',
      hostName: 'web-02',
      userName: 'root',
      srcIp: '198.51.100.9',
      srcPort: 22,
      sensorId: '001',
      message: wazuh.full_log,
      dedupKey: sha256Hex('siem|wazuh|1738742400.123456'),
      occurredAt: new Date('2026-02-05T08:00:00.123Z'),
      attributes: { ruleId: '5712', ruleLevel: 12, mitreIds: ['T1110'], ruleDescription: wazuh.rule.description },
    });
    expect(ok(parseSiem({ ...wazuh, rule: { ...wazuh.rule, level: 5 } }, ctx)).severity).toBe(2);
    expect(ok(parseSiem({ ...wazuh, rule: { ...wazuh.rule, level: 13 } }, ctx)).severity).toBe(4);
    expect(ok(parseSiem({ ...wazuh, rule: { level: 3, groups: ['syscheck'] }, syscheck: { path: '/etc/passwd' } }, ctx))).toMatchObject({
      severity: 1,
      category: 'file',
      fileName: '/etc/passwd',
    });
  });

  it('rejects what is neither', () => {
    expect(parseSiem({ foo: 1 }, ctx)).toEqual({ ok: false, reason: 'unrecognised_record' });
  });
});
