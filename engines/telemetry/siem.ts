import { categoryFromType, detailFields, prefixedAction } from './agent-details.ts';
import { buildEvent, dedupMaterial, reject, rejectTime } from './build.ts';
import type { Outcome, ParseContext, ParseResult } from './event.ts';
import { getPath, isObject, pickStr, str, strArray } from './fields.ts';
import { contentHash } from './hash.ts';
import { fromWazuhLevel, fromWordOrScale } from './severity.ts';
import { parseTime } from './time.ts';

type Rec = Record<string, unknown>;

/**
 * A SIEM event: a Wazuh alert (`rule.level`, `agent.name`, `full_log`, `data.*`), which EventSec's /siem/events
 * reads from its indexer, or EventSec's own SIEM view item `{timestamp, host, source, category, severity,
 * message, raw: {event_id, agent_id, event_type, severity, category, timestamp, details}}`.
 */
export function parseSiem(record: unknown, ctx: ParseContext): ParseResult {
  if (!isObject(record)) return reject('not_an_object');
  if (isObject(record.rule) && record.rule.level !== undefined) return parseWazuh(record, ctx);
  const inner: Rec = isObject(record.raw) ? record.raw : {};
  const eventType = pickStr(inner, 'event_type') ?? pickStr(record, 'event_type', 'source');
  if (eventType === null && str(record.message) === null) return reject('unrecognised_record');
  const rawTime = record.timestamp ?? inner.timestamp;
  const time = rawTime === undefined || rawTime === null ? null : parseTime(rawTime);
  if (rawTime !== undefined && rawTime !== null && time === null) return rejectTime(rawTime, 'timestamp');

  const details: Rec = isObject(inner.details) ? inner.details : {};
  const { attributes, outcome, ...promoted } = detailFields(details);
  const id = str(inner.event_id) ?? str(record.event_id);
  return buildEvent(
    {
      sourceKind: 'siem',
      time,
      category: categoryFromType(eventType ?? str(record.category) ?? ''),
      action: prefixedAction('siem', eventType ?? 'event'),
      outcome,
      severity: fromWordOrScale(record.severity ?? inner.severity) ?? 0,
      ...promoted,
      hostName: str(record.host) ?? promoted.hostName,
      message: str(record.message) ?? promoted.message,
      sensorId: str(inner.agent_id),
      attributes: { ...attributes, source: str(record.source), sourceCategory: str(record.category) ?? str(inner.category) },
      dedupMaterial: dedupMaterial('siem', id ?? `h:${contentHash(record)}`),
      raw: record,
    },
    ctx,
  );
}

function parseWazuh(record: Rec, ctx: ParseContext): ParseResult {
  const rawTime = record.timestamp ?? record['@timestamp'];
  const time = parseTime(rawTime);
  if (rawTime !== undefined && time === null) return rejectTime(rawTime, 'timestamp');
  const groups = strArray(getPath(record, 'rule.groups'));
  const id = str(record.id);
  return buildEvent(
    {
      sourceKind: 'siem',
      time,
      kind: 'alert',
      category: wazuhCategory(groups),
      action: 'siem.wazuh.alert',
      outcome: wazuhOutcome(groups),
      severity: fromWazuhLevel(getPath(record, 'rule.level')),
      srcIp: getPath(record, 'data.srcip'),
      srcPort: getPath(record, 'data.srcport'),
      dstIp: getPath(record, 'data.dstip'),
      dstPort: getPath(record, 'data.dstport'),
      transport: getPath(record, 'data.protocol'),
      hostName: pickStr(record, 'agent.name', 'hostname'),
      userName: pickStr(record, 'data.dstuser', 'data.srcuser', 'data.win.eventdata.targetUserName'),
      processName: pickStr(record, 'data.process_name', 'program_name', 'predecoder.program_name'),
      url: pickStr(record, 'data.url'),
      fileName: pickStr(record, 'syscheck.path'),
      fileSha256: pickStr(record, 'syscheck.sha256_after'),
      fileMd5: pickStr(record, 'syscheck.md5_after'),
      sensorId: pickStr(record, 'agent.id'),
      // as EventSec's SIEM view does: the log line is the message, the rule says what it means
      message: str(record.full_log) ?? pickStr(record, 'rule.description'),
      attributes: {
        ruleId: pickStr(record, 'rule.id'),
        ruleDescription: pickStr(record, 'rule.description'),
        ruleLevel: getPath(record, 'rule.level'),
        ruleGroups: groups,
        mitreIds: strArray(getPath(record, 'rule.mitre.id')),
        decoder: pickStr(record, 'decoder.name'),
        location: str(record.location),
        agentIp: pickStr(record, 'agent.ip'),
      },
      dedupMaterial: dedupMaterial('siem', 'wazuh', id ?? `h:${contentHash(record)}`),
      raw: record,
    },
    ctx,
  );
}

const GROUP_CATEGORIES: ReadonlyArray<readonly [RegExp, string]> = [
  [/^authentication|^sshd$|^pam$|login|logon/, 'authentication'],
  [/^syscheck|^ossec_fim|fim/, 'file'],
  [/^web|accesslog|^apache|^nginx/, 'web'],
  [/^ids$|suricata|snort/, 'intrusion_detection'],
  [/rootcheck|^malware|virustotal|yara/, 'malware'],
  [/^firewall|iptables/, 'network'],
];

function wazuhCategory(groups: string[]): string {
  for (const group of groups) {
    const hit = GROUP_CATEGORIES.find(([pattern]) => pattern.test(group));
    if (hit) return hit[1];
  }
  return 'host';
}

function wazuhOutcome(groups: string[]): Outcome {
  if (groups.some((g) => /authentication_failed|authentication_failures|invalid_login/.test(g))) return 'failure';
  if (groups.some((g) => /authentication_success/.test(g))) return 'success';
  return 'unknown';
}
