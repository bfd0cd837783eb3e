import { parseAuditRecord } from './auditd.ts';
import { buildEvent, dedupMaterial, reject, rejectTime } from './build.ts';
import type { ParseContext, ParseResult, Severity } from './event.ts';
import { isObject, num, pickStr, str } from './fields.ts';
import { contentHash } from './hash.ts';
import { ipOrNull } from './net.ts';
import { fromSyslogSeverity } from './severity.ts';
import { parseSshdAuth } from './sshd.ts';
import { FACILITIES, parseSyslogLine, SEVERITIES } from './syslog-line.ts';
import { parseTime } from './time.ts';

const AUTH_FACILITIES = new Set([4, 10, 13]);

/**
 * A syslog line (RFC 3164 or 5424) given as a string, or an object whose `message` holds the line or just the
 * text, with optional host/program/timestamp/facility/severity fields that override the header.
 * sshd password/publickey logins become authentication events with user, source IP and outcome.
 */
export function parseSyslog(record: unknown, ctx: ParseContext): ParseResult {
  const text = typeof record === 'string' ? record : isObject(record) ? str(record.message) : null;
  if (text === null) return isObject(record) ? reject('missing_field', 'message') : reject('not_an_object');
  if (text.trim() === '') return reject('unparseable_line', 'message');
  const line = parseSyslogLine(text, ctx.receivedAt);
  const fields = isObject(record) ? record : {};

  const overrideTime = pickStr(fields, 'timestamp', '@timestamp', 'time');
  const time = overrideTime === null ? line.time : parseTime(overrideTime);
  if (overrideTime !== null && time === null) return rejectTime(overrideTime, 'timestamp');
  const facility = codeOf(fields.facility, FACILITIES) ?? line.facility;
  const severityCode = codeOf(fields.severity, SEVERITIES) ?? line.severity;
  const app = pickStr(fields, 'program', 'app_name', 'appname', 'ident') ?? line.app;
  const host = pickStr(fields, 'hostname', 'host') ?? line.host;
  const sshd = app === null || app === 'sshd' ? parseSshdAuth(line.message) : null;
  const audit = sshd ? null : parseAuditRecord(line.message);

  const baseSeverity: Severity = severityCode === null ? 0 : fromSyslogSeverity(severityCode);
  return buildEvent(
    {
      sourceKind: 'syslog',
      time,
      category: audit ? 'audit' : sshd || (facility !== null && AUTH_FACILITIES.has(facility)) ? 'authentication' : 'host',
      action: audit ? `syslog.auditd.${audit.type.toLowerCase()}` : sshd ? `syslog.sshd.${sshd.action}` : `syslog.${(app ?? 'message').toLowerCase()}`,
      outcome: sshd?.outcome ?? 'unknown',
      // one failed guess is low; a brute force is a detection's job, not the parser's
      severity: sshd ? (sshd.outcome === 'failure' ? 1 : 0) : baseSeverity,
      srcIp: sshd ? ipOrNull(sshd.ip) : null,
      srcPort: sshd?.port,
      transport: sshd ? 'tcp' : null,
      hostName: host,
      userName: sshd ? sshd.user || null : null,
      processName: app ?? (audit ? 'auditd' : null),
      processCommandLine: audit?.type === 'EXECVE' ? execveCommandLine(audit.fields) : null,
      message: line.message,
      attributes: {
        pid: line.pid ?? pickStr(fields, 'pid'),
        facility: facility === null ? null : FACILITIES[facility],
        syslogSeverity: severityCode === null ? null : SEVERITIES[severityCode],
        msgId: line.msgId,
        structuredData: line.structuredData,
        authMethod: sshd?.method,
        invalidUser: sshd?.invalidUser || undefined,
        sshKey: sshd?.keyInfo,
        repeated: sshd?.repeated,
        auditd: audit?.fields,
      },
      // identical lines collapse; a collector that must keep true repeats sends {message, offset}
      dedupMaterial: dedupMaterial('syslog', contentHash(record)),
      raw: record,
    },
    ctx,
  );
}

/** A facility/severity given as a code or a name ("LOCAL0", "INFO", "warning"). */
function codeOf(value: unknown, names: readonly string[]): number | null {
  const n = num(value);
  if (n !== null) return Number.isInteger(n) && n >= 0 && n < names.length ? n : null;
  const name = str(value)?.toLowerCase();
  if (!name) return null;
  const aliases: Record<string, string> = { warn: 'warning', error: 'err', emergency: 'emerg', critical: 'crit' };
  const index = names.indexOf(aliases[name] ?? name);
  return index < 0 ? null : index;
}

/** An EXECVE record's arguments (a0, a1, …) as one command line. */
function execveCommandLine(fields: Record<string, string>): string | null {
  const args: string[] = [];
  for (let index = 0; fields[`a${index}`] !== undefined; index++) args.push(fields[`a${index}`] as string);
  return args.length > 0 ? args.join(' ') : null;
}
