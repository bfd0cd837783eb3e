import { buildEvent, dedupMaterial, reject, rejectTime } from './build.ts';
import type { ParseContext, ParseResult } from './event.ts';
import { isObject, pick, pickStr, str } from './fields.ts';
import { contentHash } from './hash.ts';
import { parseTime } from './time.ts';

type Rec = Record<string, unknown>;
const PROTOCOLS: Record<string, string> = { '1': 'icmp', '6': 'tcp', '17': 'udp', '58': 'ipv6-icmp', '132': 'sctp' };

/**
 * One osquery result log line: differential ("event" format: `columns` + `action` added/removed) or snapshot
 * (`action: "snapshot"`, `snapshot: [rows]`, one state event). Batch lines (`diffResults`) hold many events:
 * split them with expandOsqueryBatch first (parseBatch does).
 */
export function parseOsquery(record: unknown, ctx: ParseContext): ParseResult {
  if (!isObject(record)) return reject('not_an_object');
  if (isObject(record.diffResults)) return reject('batch_record', 'diffResults');
  const name = str(record.name);
  if (name === null) return reject('missing_field', 'name');
  const rawTime = record.unixTime ?? record.calendarTime;
  const time = rawTime === undefined ? null : parseTime(rawTime);
  if (rawTime !== undefined && time === null) return rejectTime(rawTime, 'unixTime');

  const snapshot = Array.isArray(record.snapshot) ? record.snapshot : null;
  const columns: Rec = isObject(record.columns) ? record.columns : {};
  if (snapshot === null && !isObject(record.columns)) return reject('missing_field', 'columns');
  const action = str(record.action) ?? (snapshot ? 'snapshot' : 'added');
  const host = str(record.hostIdentifier) ?? pickStr(record, 'decorations.hostname');
  const isProcess = pick(columns, 'pid', 'cmdline') !== undefined;
  const path = str(columns.path);

  return buildEvent(
    {
      sourceKind: 'osquery',
      time,
      kind: snapshot ? 'state' : 'event',
      category: categoryOf(columns, isProcess),
      action: `osquery.${name}.${action}`,
      hostName: host,
      userName: pickStr(columns, 'username', 'user'),
      processName: isProcess ? (str(columns.name) ?? basename(path)) : null,
      processCommandLine: isProcess ? pickStr(columns, 'cmdline', 'command_line', 'cmd') : null,
      fileName: isProcess ? null : (path ?? pickStr(columns, 'target_path', 'filename')),
      fileSha256: pickStr(columns, 'sha256'),
      fileMd5: pickStr(columns, 'md5'),
      srcIp: columns.local_address ?? columns.address,
      srcPort: columns.local_port ?? columns.port,
      dstIp: columns.remote_address,
      dstPort: columns.remote_port,
      transport: PROTOCOLS[str(columns.protocol) ?? ''] ?? null,
      attributes: {
        queryName: name,
        osqueryAction: action,
        columns: snapshot ? undefined : columns,
        rows: snapshot ?? undefined,
        rowCount: snapshot?.length,
        decorations: isObject(record.decorations) ? record.decorations : undefined,
        counter: record.counter,
      },
      dedupMaterial: dedupMaterial('osquery', host, name, time?.precise, action, contentHash(record)),
      raw: record,
    },
    ctx,
  );
}

/** Splits a batch-format line into event-format lines; any other record is returned as is. */
export function expandOsqueryBatch(record: unknown): unknown[] {
  if (!isObject(record) || !isObject(record.diffResults)) return [record];
  const { diffResults, ...envelope } = record;
  const rows = (action: string) => {
    const list = diffResults[action];
    return Array.isArray(list) ? list.map((columns) => ({ ...envelope, columns, action })) : [];
  };
  return [...rows('added'), ...rows('removed')];
}

function categoryOf(columns: Rec, isProcess: boolean): string {
  if (isProcess) return 'process';
  if (pick(columns, 'remote_address', 'remote_port') !== undefined) return 'network';
  if (pick(columns, 'sha256', 'md5', 'target_path') !== undefined) return 'file';
  return 'host';
}

function basename(path: string | null): string | null {
  if (path === null) return null;
  return path.split(/[\\/]/).pop() || null;
}
