import { buildEvent, dedupMaterial, reject, rejectTime } from './build.ts';
import type { ParseContext, ParseResult } from './event.ts';
import { getPath, isObject, num, str, strArray } from './fields.ts';
import { contentHash } from './hash.ts';
import { fromTenPointScale } from './severity.ts';
import { parseTime } from './time.ts';

const CATEGORY_BY_ATTACK: Readonly<Record<string, string>> = {
  web: 'web',
  ddos: 'network',
  intrusion: 'intrusion_detection',
  scanner: 'network',
  anonymizer: 'network',
  bot: 'threat',
  malware: 'malware',
  phishing: 'email',
  dns: 'dns',
  email: 'email',
};

/** EventSec's threat-map ingest item `{id?, ts, src_ip?, dst_ip?, attack_type, severity 1–10, volume?, tags, confidence, source}`. */
export function parseThreatmap(record: unknown, ctx: ParseContext): ParseResult {
  if (!isObject(record)) return reject('not_an_object');
  const attackType = str(record.attack_type);
  if (attackType === null) return reject('missing_field', 'attack_type');
  const time = record.ts === undefined ? null : parseTime(record.ts);
  if (record.ts !== undefined && time === null) return rejectTime(record.ts, 'ts');
  const confidence = num(record.confidence);
  if (confidence !== null && (confidence < 0 || confidence > 1)) return reject('invalid_field', 'confidence');

  return buildEvent(
    {
      sourceKind: 'threatmap',
      time,
      category: CATEGORY_BY_ATTACK[attackType.toLowerCase()] ?? 'threat',
      action: `threatmap.${attackType.toLowerCase()}`,
      severity: fromTenPointScale(record.severity),
      srcIp: record.src_ip,
      dstIp: record.dst_ip,
      attributes: {
        attackType,
        sourceSeverity: num(record.severity),
        tags: strArray(record.tags),
        confidence,
        volumePps: num(getPath(record, 'volume.pps')),
        volumeBps: num(getPath(record, 'volume.bps')),
        source: str(record.source),
      },
      dedupMaterial: dedupMaterial('threatmap', str(record.id) ?? `h:${contentHash(record)}`),
      raw: record,
    },
    ctx,
  );
}
