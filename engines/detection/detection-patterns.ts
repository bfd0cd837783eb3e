import { CRYPTOMINING_PATTERNS, POOLS } from './detectors/cryptomining.ts';
import { CREDENTIAL_FILES, EXFILTRATION_PATTERNS } from './detectors/exfiltration.ts';
import { executionPatterns, PIPE_TO_SHELL, URL_QUERY_OR_FRAGMENT } from './detectors/malware-download.ts';
import { RANSOMWARE_PATTERNS } from './detectors/ransomware.ts';
import { BY_CLASSTYPE, BY_SIGNATURE } from './detectors/suricata-alert.ts';
import type { LinearRegex } from './linear-regex.ts';
import { PAYLOAD_REWRITES, WEB_ATTACK_CLASSES, WEB_PATTERNS } from './web-patterns.ts';

export type NamedPattern = { owner: string; name: string; re: LinearRegex };

const named = (owner: string, list: readonly { name: string; re: LinearRegex }[]): NamedPattern[] => list.map((p) => ({ owner, ...p }));

/**
 * Every regex the detection engine matches attacker-controlled text with (engine-level tests enumerate it).
 * The malware-download execution patterns are built per file name; they appear here for one sample name.
 */
export const DETECTION_PATTERNS: readonly NamedPattern[] = [
  ...WEB_ATTACK_CLASSES.flatMap((attack) => named(`web_attack/${attack}`, WEB_PATTERNS[attack])),
  ...PAYLOAD_REWRITES.map((re, i) => ({ owner: 'web_attack/decoding', name: `rewrite ${i + 1}`, re })),
  ...named('ransomware', RANSOMWARE_PATTERNS),
  ...named('cryptomining', CRYPTOMINING_PATTERNS),
  { owner: 'cryptomining', name: 'pool in a DNS query or URL', re: POOLS },
  ...named('exfiltration', EXFILTRATION_PATTERNS),
  { owner: 'exfiltration', name: 'credential file', re: CREDENTIAL_FILES },
  ...BY_SIGNATURE.map(([re], i) => ({ owner: 'suricata_alert', name: `signature prefix ${i + 1}`, re })),
  ...BY_CLASSTYPE.map(([re], i) => ({ owner: 'suricata_alert', name: `classtype ${i + 1}`, re })),
  { owner: 'malware_download', name: 'url query or fragment', re: URL_QUERY_OR_FRAGMENT },
  { owner: 'malware_download', name: 'url piped to a shell', re: PIPE_TO_SHELL },
  ...executionPatterns(['x.sh']).map((re, i) => ({ owner: 'malware_download', name: `execution of a file ${i + 1}`, re })),
];
