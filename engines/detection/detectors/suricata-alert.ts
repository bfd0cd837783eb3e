import { buildDetection, fromEventSeverity, num, plural, srcIpEntity, str } from '../build.ts';
import { type LinearRegex, linearRegex } from '../linear-regex.ts';
import type { Detection, DetectionCategory, DetectionEvent, Detector } from '../types.ts';
import { gapEpisodes, groupBy } from '../window.ts';

type Kind = { category: DetectionCategory; mitre: string[] };

// signature name prefixes (Emerging Threats / GPL conventions) win over the rule's classtype
export const BY_SIGNATURE: ReadonlyArray<readonly [LinearRegex, Kind]> = [
  [linearRegex(String.raw`^(?:ET|ETPRO|GPL) SCAN\b`, 'i'), { category: 'reconnaissance', mitre: ['T1046'] }],
  [linearRegex(String.raw`^(?:ET|ETPRO) (?:COINMINER\b|POLICY\b.*\b(?:coin ?min|stratum|xmrig))`, 'i'), { category: 'cryptomining', mitre: ['T1496'] }],
  [linearRegex(String.raw`^(?:ET|ETPRO) (?:MALWARE|TROJAN|CNC|MOBILE_MALWARE|WORM)\b`, 'i'), { category: 'malware', mitre: ['T1071'] }],
  [linearRegex(String.raw`^(?:ET|ETPRO|GPL) (?:WEB_SERVER|WEB_SPECIFIC_APPS|WEB_ATTACKS)\b`, 'i'), { category: 'web_attack', mitre: ['T1190'] }],
  [linearRegex(String.raw`^(?:ET|ETPRO|GPL) (?:DOS|DDOS)\b`, 'i'), { category: 'dos', mitre: ['T1498'] }],
  [linearRegex(String.raw`^(?:ET|ETPRO|GPL) EXPLOIT\b`, 'i'), { category: 'ids_alert', mitre: ['T1190'] }],
];
// rule classtypes (classification.config descriptions, as EVE writes them in alert.category)
export const BY_CLASSTYPE: ReadonlyArray<readonly [LinearRegex, Kind]> = [
  [linearRegex('network scan|information leak', 'i'), { category: 'reconnaissance', mitre: ['T1046'] }],
  [linearRegex('crypto ?currency mining', 'i'), { category: 'cryptomining', mitre: ['T1496'] }],
  [linearRegex('trojan|command and control|exploit kit|executable code', 'i'), { category: 'malware', mitre: ['T1071'] }],
  [linearRegex('web application attack', 'i'), { category: 'web_attack', mitre: ['T1190'] }],
  [linearRegex('denial of service', 'i'), { category: 'dos', mitre: ['T1498'] }],
  [linearRegex('suspicious username|default username and password', 'i'), { category: 'brute_force', mitre: ['T1110'] }],
];

function kindOf(signature: string, classtype: string): Kind {
  return BY_SIGNATURE.find(([re]) => re.test(signature))?.[1] ?? BY_CLASSTYPE.find(([re]) => re.test(classtype))?.[1] ?? { category: 'ids_alert', mitre: [] };
}

// EVE `drop` records (IPS mode) carry the alert of the rule that dropped the packet
const isAlert = (e: DetectionEvent) => (e.action === 'suricata.alert' && e.kind === 'alert') || e.action === 'suricata.drop';
const signatureKey = (e: DetectionEvent) => {
  const id = num(e.attributes.signatureId);
  return id === null ? `sig:${str(e.attributes.signature) ?? e.message ?? 'unknown'}` : String(id);
};

/**
 * Suricata alerts: one detection per source IP and signature; alerts closer than gapSeconds belong together.
 * Severity is the highest normalised event severity (4 critical, 3 high, 2 medium, 1/0 low; the parser already
 * turned Suricata's priority 1 = most severe into 3). Alerts below minEventSeverity are ignored.
 */
export const suricataAlert: Detector = {
  id: 'suricata_alert',
  version: 1,
  title: 'Suricata alert',
  category: 'ids_alert',
  mitre: [],
  interest: { actions: ['suricata.alert', 'suricata.drop'], categories: [], fields: [], attributeKeys: [] },
  prefilter: (e) => e.srcIp !== null && isAlert(e),
  lookbackSeconds: (s) => s.suricata.gapSeconds,
  entityOf: srcIpEntity,
  evaluate(events, settings) {
    const { gapSeconds, minEventSeverity } = settings.suricata;
    const detections: Detection[] = [];
    const kept = events.filter((e) => e.severity >= minEventSeverity);
    for (const [key, group] of groupBy(kept, signatureKey)) {
      for (const run of gapEpisodes(group, gapSeconds)) {
        const last = run[run.length - 1] as DetectionEvent;
        const signature = str(last.attributes.signature) ?? last.message ?? `signature ${key}`;
        const classtype = str(last.attributes.signatureCategory) ?? '';
        const kind = kindOf(signature, classtype);
        const top = Math.max(...run.map((e) => e.severity));
        const blocked = run.filter((e) => e.attributes.alertAction === 'blocked' || e.action === 'suricata.drop').length;
        const targets = new Set(run.map((e) => `${e.dstIp ?? '?'}:${e.dstPort ?? '?'}`));
        const ip = last.srcIp ?? '';
        detections.push(
          buildDetection({
            detector: suricataAlert,
            title: `${signature} from ${ip}`,
            description:
              `Suricata raised "${signature}"${classtype ? ` (${classtype})` : ''} ${plural(run.length, 'time')} for ${ip} ` +
              `against ${plural(targets.size, 'target')}${blocked > 0 ? `, ${blocked} blocked` : ''}.`,
            severity: fromEventSeverity(top),
            entity: { type: 'src_ip', value: ip },
            evidence: [
              { name: 'alerts', observed: run.length, threshold: 1, weight: 1 },
              { name: 'signature', observed: signature, threshold: 'n/a', weight: 0 },
              { name: 'highest event severity (0–4)', observed: top, threshold: minEventSeverity, weight: 0.5 },
            ],
            events: run,
            fingerprintParts: [key],
            category: kind.category,
            mitre: kind.mitre,
          }),
        );
      }
    }
    return detections;
  },
};
