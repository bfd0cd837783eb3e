import { buildEvent, dedupMaterial, reject, rejectTime } from './build.ts';
import type { ParseContext, ParseResult } from './event.ts';
import { getPath, isObject, pickStr, str } from './fields.ts';
import { contentHash } from './hash.ts';
import { type ParsedTime, parseTime } from './time.ts';
import { zeekLogType } from './zeek-log-type.ts';
import { ZEEK_LOGS, type ZeekPart } from './zeek-logs.ts';

// fields every connection log shares, mapped to model fields rather than copied into attributes
const COMMON = new Set(['ts', 'uid', '_path', '_write_ts', '_node', 'proto', 'community_id']);
const ID_FIELDS = ['id.orig_h', 'id.orig_p', 'id.resp_h', 'id.resp_p'];

/**
 * One Zeek log record in JSON form: flat dotted keys (`id.orig_h`) or nested (`id: {orig_h}`), `ts` as epoch
 * seconds or ISO 8601, with or without `_path` (the log type is then recognised from the fields).
 */
export function parseZeek(record: unknown, ctx: ParseContext): ParseResult {
  if (!isObject(record)) return reject('not_an_object');
  const logType = zeekLogType(record);
  const hasTs = record.ts !== undefined && record.ts !== null && record.ts !== '';
  // Logs with no ts at all (loaded_scripts, some known_*) are static state: stamped with the day they
  // arrived, so a replay the same day deduplicates instead of storing a copy with a new time.
  const time = hasTs ? parseTime(record.ts) : dayOf(ctx.receivedAt);
  if (hasTs && time === null) return rejectTime(record.ts, 'ts');
  if (logType === null && !hasTs) return reject('unrecognised_record');

  const type = logType ?? 'unknown';
  const part = (ZEEK_LOGS[type] ?? generic)(record);
  const uid = str(record.uid);
  // files/x509/pe/ocsp are keyed by file id; logs without any id (known_*, software, stats) only by content
  const id =
    (type === 'files' ? str(record.fuid) : null) ?? uid ?? str(record.fuid) ?? (typeof record.id === 'string' ? record.id : null) ?? str(record.fingerprint);

  return buildEvent(
    {
      sourceKind: 'zeek',
      time,
      kind: part.kind ?? 'event',
      category: part.category,
      action: `zeek.${type}`,
      outcome: part.outcome ?? 'unknown',
      severity: part.severity ?? 0,
      srcIp: part.srcIp ?? getPath(record, 'id.orig_h'),
      srcPort: getPath(record, 'id.orig_p'),
      dstIp: part.dstIp ?? getPath(record, 'id.resp_h'),
      dstPort: part.dstPort ?? getPath(record, 'id.resp_p'),
      transport: part.transport ?? record.proto,
      hostName: part.hostName,
      userName: part.userName,
      url: part.url,
      fileName: part.fileName,
      fileSha256: part.fileSha256,
      fileMd5: part.fileMd5,
      sensorId: str(record._node) ?? pickStr(record, 'peer_descr'),
      sessionId: uid,
      message: part.message,
      attributes: { zeekUid: uid, communityId: str(record.community_id), ...part.attributes },
      // uid+type+ts alone is not unique: 11,774 of 24,202 WRCCDC weird records share it with another record
      dedupMaterial: dedupMaterial('zeek', type, id, time?.precise, contentHash(record, isWriterField)),
      raw: record,
    },
    ctx,
  );
}

// `_write_ts`, `_path`, `_node` describe the writer, not the event: a re-written record is the same event
const isWriterField = (key: string) => key.startsWith('_');

/** Logs without a dedicated mapping keep their own scalar fields as attributes. */
function generic(record: Record<string, unknown>): ZeekPart {
  const attributes: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    if (COMMON.has(key) || ID_FIELDS.includes(key) || key === 'id') continue;
    if (value === null || typeof value !== 'object' || Array.isArray(value)) attributes[key] = value;
  }
  return {
    category: getPath(record, 'id.orig_h') === undefined ? 'host' : 'network',
    message: str(record.failure_reason),
    attributes,
  };
}

const DAY_MS = 86_400_000;

function dayOf(at: Date): ParsedTime {
  // arithmetic, not Date.UTC, which would read the years 0–99 as 1900–1999
  const day = new Date(Math.floor(at.getTime() / DAY_MS) * DAY_MS);
  return { date: day, precise: day.toISOString() };
}
