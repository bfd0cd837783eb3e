import { categoryFromType, prefixedAction } from './agent-details.ts';
import { buildEvent, dedupMaterial, reject, rejectTime } from './build.ts';
import { type ParseContext, type ParseResult, type SourceKind, ZEventKind, ZOutcome } from './event.ts';
import { bool, getPath, isObject, str } from './fields.ts';
import { contentHash } from './hash.ts';
import { fromWordOrScale } from './severity.ts';
import { parseTime } from './time.ts';

// candidate paths per model field, ECS names first, then common flat spellings
const PATHS = {
  time: ['@timestamp', 'timestamp', 'time', 'ts', 'event_time', 'eventTime', 'event.created', 'date'],
  action: ['event.action', 'action', 'event_type', 'eventid', 'event.type', 'type'],
  category: ['event.category', 'category'],
  kind: ['event.kind', 'kind'],
  outcome: ['event.outcome', 'outcome'],
  severity: ['event.severity', 'severity', 'level', 'priority'],
  srcIp: ['source.ip', 'src_ip', 'srcip', 'source_ip', 'src', 'client_ip', 'client.ip', 'ip'],
  srcPort: ['source.port', 'src_port', 'srcport', 'source_port', 'sport'],
  dstIp: ['destination.ip', 'dst_ip', 'dest_ip', 'dstip', 'destination_ip', 'dst', 'server.ip'],
  dstPort: ['destination.port', 'dst_port', 'dest_port', 'dstport', 'destination_port', 'dport'],
  transport: ['network.transport', 'transport', 'protocol', 'proto'],
  hostName: ['host.name', 'host.hostname', 'hostname', 'host', 'computer'],
  userName: ['user.name', 'username', 'user', 'user_name'],
  processName: ['process.name', 'process_name', 'process'],
  processCommandLine: ['process.command_line', 'command_line', 'cmdline', 'commandline', 'command'],
  url: ['url.original', 'url.full', 'url'],
  fileName: ['file.path', 'file.name', 'file_path', 'filename', 'file_name', 'file'],
  fileSha256: ['file.hash.sha256', 'hash.sha256', 'sha256'],
  fileMd5: ['file.hash.md5', 'hash.md5', 'md5'],
  sessionId: ['session.id', 'session_id', 'session'],
  message: ['message', 'msg', 'description'],
  sensorId: ['observer.name', 'sensor', 'sensor_id'],
  id: ['event.id', 'id', 'event_id', 'uuid'],
} as const;

/**
 * Best-effort ECS-ish picking from any JSON object. Top-level keys not used for a model field stay
 * searchable in attributes. Also parses `synthetic` records (same shape, different source kind), and records of
 * a declared source type without a parser of its own (`declaredType`, kept as `attributes.sourceType`).
 */
export function parseCustom(record: unknown, ctx: ParseContext, sourceKind: SourceKind = 'custom', declaredType: string | null = null): ParseResult {
  if (!isObject(record)) return reject('not_an_object');
  const used = new Set<string>();
  const take = (paths: readonly string[]): { value: unknown; path: string } | null => {
    for (const path of paths) {
      const value = getPath(record, path);
      if (value === undefined || value === null || value === '' || isObject(value)) continue;
      used.add(path in record ? path : (path.split('.')[0] ?? path));
      return { value, path };
    }
    return null;
  };
  const text = (paths: readonly string[]) => str(take(paths)?.value);

  const rawTime = take(PATHS.time);
  const time = rawTime === null ? null : parseTime(rawTime.value);
  if (rawTime !== null && time === null) return rejectTime(rawTime.value, rawTime.path);
  const actionName = text(PATHS.action);
  const categoryValue = take(PATHS.category)?.value;
  const category = (Array.isArray(categoryValue) ? str(categoryValue[0]) : str(categoryValue))?.toLowerCase();
  const kind = ZEventKind.safeParse(take(PATHS.kind)?.value);
  const outcomeValue = take(PATHS.outcome)?.value;
  const outcome = ZOutcome.safeParse(outcomeValue);
  const success = bool(record.success);
  const severityValue = take(PATHS.severity)?.value;
  const id = text(PATHS.id);

  const draft = {
    srcIp: take(PATHS.srcIp)?.value,
    srcPort: take(PATHS.srcPort)?.value,
    dstIp: take(PATHS.dstIp)?.value,
    dstPort: take(PATHS.dstPort)?.value,
    transport: take(PATHS.transport)?.value,
    hostName: text(PATHS.hostName),
    userName: text(PATHS.userName),
    processName: text(PATHS.processName),
    processCommandLine: text(PATHS.processCommandLine),
    url: text(PATHS.url),
    fileName: text(PATHS.fileName),
    fileSha256: text(PATHS.fileSha256),
    fileMd5: text(PATHS.fileMd5),
    sessionId: text(PATHS.sessionId),
    message: text(PATHS.message),
    sensorId: text(PATHS.sensorId),
  };
  const attributes = Object.fromEntries(Object.entries(record).filter(([key]) => !used.has(key)));

  return buildEvent(
    {
      sourceKind,
      time,
      kind: kind.success ? kind.data : 'event',
      category: category || categoryFromType(actionName ?? ''),
      action: prefixedAction(sourceKind, actionName ?? 'event'),
      outcome: outcome.success ? outcome.data : success === null ? 'unknown' : success ? 'success' : 'failure',
      severity: fromWordOrScale(severityValue) ?? 0,
      ...draft,
      attributes: {
        ...attributes,
        sourceSeverity: fromWordOrScale(severityValue) === null ? severityValue : undefined,
        sourceType: declaredType ?? undefined,
      },
      dedupMaterial: dedupMaterial(sourceKind, id ?? `h:${contentHash(record)}`),
      raw: record,
    },
    ctx,
  );
}
