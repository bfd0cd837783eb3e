import { describe, expect, it } from 'vitest';
import type { NormalizedEvent } from './event.ts';
import { parseSyslog } from './syslog.ts';

const ctx = { receivedAt: new Date('2026-03-10T12:00:00Z') };
function parse(record: unknown): NormalizedEvent {
  const r = parseSyslog(record, ctx);
  if (!r.ok) throw new Error(`rejected: ${r.reason}`);
  return r.event;
}

describe('parseSyslog: sshd authentication', () => {
  it.each([
    [
      'Mar  9 22:14:01 bastion sshd[2201]: Failed password for invalid user admin from 203.0.113.77 port 52144 ssh2',
      { action: 'syslog.sshd.login.failed', outcome: 'failure', userName: 'admin', srcIp: '203.0.113.77', srcPort: 52144 },
      { authMethod: 'password', invalidUser: true },
    ],
    [
      '<38>Mar  9 22:14:05 bastion sshd[2203]: Failed password for root from 198.51.100.4 port 40022 ssh2',
      { action: 'syslog.sshd.login.failed', outcome: 'failure', userName: 'root', srcIp: '198.51.100.4', severity: 1 },
      { authMethod: 'password', facility: 'auth', syslogSeverity: 'info' },
    ],
    [
      'Mar 10 08:00:00 bastion sshd[3000]: Accepted publickey for deploy from 2001:db8::7 port 60000 ssh2: ED25519 SHA256:AbCdEf',
      { action: 'syslog.sshd.login.success', outcome: 'success', userName: 'deploy', srcIp: '2001:db8::7', severity: 0 },
      { authMethod: 'publickey', sshKey: 'ED25519 SHA256:AbCdEf' },
    ],
    [
      'Mar 10 08:01:00 bastion sshd[3001]: Accepted password for alice from 192.0.2.10 port 50505 ssh2',
      { action: 'syslog.sshd.login.success', userName: 'alice', srcIp: '192.0.2.10' },
      { authMethod: 'password' },
    ],
    [
      'Mar 10 08:02:00 bastion sshd[3002]: Invalid user oracle from 192.0.2.99 port 41000',
      { action: 'syslog.sshd.invalid_user', outcome: 'failure', userName: 'oracle', srcIp: '192.0.2.99' },
      { invalidUser: true },
    ],
    [
      'Mar 10 08:03:00 bastion sshd[3003]: message repeated 3 times: [ Failed password for root from 192.0.2.5 port 2222 ssh2]',
      { action: 'syslog.sshd.login.failed', userName: 'root', srcIp: '192.0.2.5', srcPort: 2222 },
      { repeated: 3 },
    ],
  ])('%s', (line, fields, attributes) => {
    const e = parse(line);
    expect(e).toMatchObject({ category: 'authentication', processName: 'sshd', hostName: 'bastion', ...fields });
    expect(e.attributes).toMatchObject(attributes);
  });

  it('dates a BSD line in the arrival year, or the year before when it would be in the future', () => {
    expect(parse('Mar  9 22:14:01 h sshd[1]: x').occurredAt.toISOString()).toBe('2026-03-09T22:14:01.000Z');
    expect(parse('Dec 31 23:59:59 h sshd[1]: x').occurredAt.toISOString()).toBe('2025-12-31T23:59:59.000Z');
  });

  it('handles a local file line without host, and the object form with overrides', () => {
    expect(parse('Mar  9 22:14:01 sshd[77]: Failed none for root from 192.0.2.1 port 1 ssh2')).toMatchObject({
      hostName: null,
      processName: 'sshd',
      attributes: { pid: '77', authMethod: 'none' },
    });
    const e = parse({ message: 'Failed password for bob from 192.0.2.8 port 22 ssh2', host: 'web-1', program: 'sshd', timestamp: '2026-03-01T00:00:00Z' });
    expect(e).toMatchObject({ hostName: 'web-1', userName: 'bob', occurredAt: new Date('2026-03-01T00:00:00Z') });
  });
});

describe('parseSyslog: headers', () => {
  it('parses RFC 5424 with structured data and PRI severity', () => {
    const e = parse(
      '<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 [exampleSDID@32473 iut="3" eventSource="Application"] An application event log entry',
    );
    expect(e).toMatchObject({
      occurredAt: new Date('2003-10-11T22:14:15.003Z'),
      hostName: 'mymachine.example.com',
      processName: 'evntslog',
      action: 'syslog.evntslog',
      category: 'host',
      severity: 0,
      message: 'An application event log entry',
      attributes: { facility: 'local4', syslogSeverity: 'notice', msgId: 'ID47', structuredData: '[exampleSDID@32473 iut="3" eventSource="Application"]' },
    });
  });

  it('parses RFC 5424 without PRI (as Zeek syslog.log stores it) and maps PRI 2 (crit) to high', () => {
    expect(parse('1 2018-03-24T08:59:37-07:00 PC-helen.jerry.land EvntSLog - - - @cee: {}')).toMatchObject({
      occurredAt: new Date('2018-03-24T15:59:37Z'),
      hostName: 'PC-helen.jerry.land',
      message: '@cee: {}',
    });
    expect(parse('<2>Mar 10 08:00:00 db kernel: Out of memory').severity).toBe(3);
  });

  it('uses receivedAt when the line has no header, and rejects what is not a line', () => {
    expect(parse('just words')).toMatchObject({ occurredAt: ctx.receivedAt, message: 'just words', action: 'syslog.message' });
    expect(parseSyslog({ text: 'x' }, ctx)).toEqual({ ok: false, reason: 'missing_field', field: 'message' });
    expect(parseSyslog(42, ctx)).toEqual({ ok: false, reason: 'not_an_object' });
    expect(parseSyslog('   ', ctx)).toEqual({ ok: false, reason: 'unparseable_line', field: 'message' });
  });

  it('dedups the same line, keeps lines apart when the collector adds an offset', () => {
    const line = 'Mar 10 08:01:00 h sshd[1]: Failed password for root from 192.0.2.5 port 22 ssh2';
    expect(parse(line).dedupKey).toBe(parse(line).dedupKey);
    expect(parse({ message: line, offset: 1 }).dedupKey).not.toBe(parse({ message: line, offset: 2 }).dedupKey);
  });
});
