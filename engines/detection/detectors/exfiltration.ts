import { maxSeverity } from '../build.ts';
import { type CommandPattern, commandPatternDetector } from '../command-patterns.ts';
import { linearRegex } from '../linear-regex.ts';

// segment-bounded "rest of the command": never crosses ; & | or a newline
const ARGS = String.raw`[^;&|\n]*`;
const TOKEN_CHAR = String.raw`[^\s;&|]`;
/**
 * RE2 has no lookahead, so "a command segment without a decode flag" is spelled out: the segment is split on blanks
 * and no blank-preceded word may be -d/-D or --decode (ended by a non-word character or the segment's end).
 * A word that is not `--decode` is written letter by letter: it stops early, differs at some letter, or goes on.
 */
const NOT_DECODE_TAIL = [...'decode'].reduceRight(
  (rest, letter) => String.raw`(?:[^\s;&|${letter}]${TOKEN_CHAR}*|${letter}${rest})?`,
  String.raw`\w${TOKEN_CHAR}*`,
);
const NOT_DECODE_FLAG = String.raw`(?:[^\s;&|-]${TOKEN_CHAR}*|-(?:[^\s;&|d-]${TOKEN_CHAR}*|d\w${TOKEN_CHAR}*|-${NOT_DECODE_TAIL})?)`;
const SEGMENT_WITHOUT_DECODE = String.raw`${TOKEN_CHAR}*(?:[^\S\n]+${NOT_DECODE_FLAG})*[^\S\n]*`;

export const EXFILTRATION_PATTERNS: readonly CommandPattern[] = [
  {
    name: 'curl file upload',
    re: linearRegex(String.raw`\bcurl\b${ARGS}\s(?:-T|--upload-file)\s*['"]?[^\s'"]+`, 'i'),
    severity: 'high',
    mitre: ['T1048'],
  },
  {
    // @- is stdin, not a file
    name: 'curl post of a file',
    re: linearRegex(String.raw`\bcurl\b${ARGS}\s(?:-d|--data(?:-binary|-raw|-urlencode)?|-F|--form)\s*['"]?(?:[\w-]+=)?@[^\s'"-][^\s'"]*`, 'i'),
    severity: 'high',
    mitre: ['T1041'],
  },
  { name: 'wget post of a file', re: linearRegex(String.raw`\bwget\b${ARGS}--post-file(?:=|\s+)\S+`, 'i'), severity: 'high', mitre: ['T1041'] },
  {
    // a local source (not an option) followed by a remote destination (user@host:path) at the end of a command or line
    name: 'scp/rsync to a remote host',
    re: linearRegex(String.raw`\b(?:scp|rsync)\s+(?:${ARGS}\s)?[^\s:;&|-][^\s:;&|]*\s+(?:[\w.-]+@)?[\w.-]+:[^\s;&|]*\s*(?:$|[\n\r\u2028\u2029;&|])`, 'i'),
    severity: 'high',
    mitre: ['T1048'],
  },
  {
    name: 'file piped to a network tool',
    re: linearRegex(String.raw`\b(?:cat|tar|zip|dd|gzip)\b${ARGS}\|\s*(?:nc|ncat|netcat|socat|curl|ssh)\b`, 'i'),
    severity: 'high',
    mitre: ['T1048'],
  },
  { name: 'netcat reading a file', re: linearRegex(String.raw`\b(?:nc|ncat|netcat)\b${ARGS}<\s*[^\s<]+`, 'i'), severity: 'high', mitre: ['T1048.003'] },
  { name: 'redirect to /dev/tcp', re: linearRegex(String.raw`>\s*/dev/(?:tcp|udp)/[\w.-]+/\d+`, 'i'), severity: 'high', mitre: ['T1048.003'] },
  {
    // base64 encoding (not decoding: `base64 -d | sh` is a download-and-run, not an exfiltration) piped onward
    name: 'base64 encoded and sent',
    re: linearRegex(String.raw`\bbase64\b${SEGMENT_WITHOUT_DECODE}\|\s*(?:curl|wget|nc|ncat|netcat|socat|openssl\s+s_client)\b`, 'i'),
    severity: 'high',
    mitre: ['T1132.001', 'T1041'],
  },
  {
    name: 'PowerShell upload',
    re: linearRegex(String.raw`\.Upload(?:File|String|Data)\s*\(|\bInvoke-(?:WebRequest|RestMethod)\b[^;|\n]*-InFile\b`, 'i'),
    severity: 'high',
    mitre: ['T1041'],
  },
  {
    // the source is local: its first word does not start with s3:
    name: 'cloud storage upload',
    re: linearRegex(String.raw`\baws\s+s3\s+(?:cp|sync|mv)\s+(?:[^\ss]\S*|s(?:[^\s3]\S*)?|s3(?:[^\s:]\S*)?)\s+s3://|\brclone\s+(?:copy|sync|move)\b`, 'i'),
    severity: 'medium',
    mitre: ['T1567.002'],
  },
];

export const CREDENTIAL_FILES = linearRegex(
  String.raw`/etc/(?:passwd|shadow)\b|\.ssh/(?:id_\w+|authorized_keys)|\.aws/credentials|\.bash_history|wallet\.dat|\.kube/config`,
  'i',
);

/**
 * Exfiltration: a file sent out with curl -T / -d @file / -F x=@file, wget --post-file, scp/rsync to a remote host,
 * netcat or /dev/tcp, base64 encoding piped to a network tool, PowerShell uploads, cloud storage copies.
 * Critical when the command also names a credential file (/etc/passwd, /etc/shadow, SSH keys, cloud credentials).
 */
export const exfiltration = commandPatternDetector({
  id: 'exfiltration',
  title: 'Data exfiltration',
  category: 'exfiltration',
  mitre: ['T1041'],
  patterns: EXFILTRATION_PATTERNS,
  severityOf: (patterns, texts) => (texts.some((t) => CREDENTIAL_FILES.test(t)) ? 'critical' : maxSeverity(...patterns.map((p) => p.severity))),
});
