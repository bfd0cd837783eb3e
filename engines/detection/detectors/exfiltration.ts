import { maxSeverity } from '../build.ts';
import { type CommandPattern, commandPatternDetector } from '../command-patterns.ts';

// segment-bounded "rest of the command": never crosses ; & | or a newline
const ARGS = String.raw`[^;&|\n]*`;

export const EXFILTRATION_PATTERNS: readonly CommandPattern[] = [
  { name: 'curl file upload', re: new RegExp(String.raw`\bcurl\b${ARGS}\s(?:-T|--upload-file)\s*['"]?[^\s'"]+`, 'i'), severity: 'high', mitre: ['T1048'] },
  {
    name: 'curl post of a file',
    re: new RegExp(String.raw`\bcurl\b${ARGS}\s(?:-d|--data(?:-binary|-raw|-urlencode)?|-F|--form)\s*['"]?(?:[\w-]+=)?@(?!-)[^\s'"]+`, 'i'),
    severity: 'high',
    mitre: ['T1041'],
  },
  { name: 'wget post of a file', re: new RegExp(String.raw`\bwget\b${ARGS}--post-file(?:=|\s+)\S+`, 'i'), severity: 'high', mitre: ['T1041'] },
  {
    // a local source followed by a remote destination (user@host:path) at the end of the command
    name: 'scp/rsync to a remote host',
    re: new RegExp(String.raw`\b(?:scp|rsync)\s+(?:${ARGS}\s)?(?!-)[^\s:;&|]+\s+(?:[\w.-]+@)?[\w.-]+:[^\s;&|]*\s*(?:$|[;&|])`, 'im'),
    severity: 'high',
    mitre: ['T1048'],
  },
  {
    name: 'file piped to a network tool',
    re: new RegExp(String.raw`\b(?:cat|tar|zip|dd|gzip)\b${ARGS}\|\s*(?:nc|ncat|netcat|socat|curl|ssh)\b`, 'i'),
    severity: 'high',
    mitre: ['T1048'],
  },
  { name: 'netcat reading a file', re: new RegExp(String.raw`\b(?:nc|ncat|netcat)\b${ARGS}<\s*[^\s<]+`, 'i'), severity: 'high', mitre: ['T1048.003'] },
  { name: 'redirect to /dev/tcp', re: />\s*\/dev\/(?:tcp|udp)\/[\w.-]+\/\d+/i, severity: 'high', mitre: ['T1048.003'] },
  {
    // base64 encoding (not decoding: `base64 -d | sh` is a download-and-run, not an exfiltration) piped onward
    name: 'base64 encoded and sent',
    re: new RegExp(String.raw`\bbase64\b(?![^;&|\n]*\s-(?:d|D|-decode)\b)${ARGS}\|\s*(?:curl|wget|nc|ncat|netcat|socat|openssl\s+s_client)\b`, 'i'),
    severity: 'high',
    mitre: ['T1132.001', 'T1041'],
  },
  {
    name: 'PowerShell upload',
    re: /\.Upload(?:File|String|Data)\s*\(|\bInvoke-(?:WebRequest|RestMethod)\b[^;|\n]*-InFile\b/i,
    severity: 'high',
    mitre: ['T1041'],
  },
  {
    name: 'cloud storage upload',
    re: /\baws\s+s3\s+(?:cp|sync|mv)\s+(?!s3:)\S+\s+s3:\/\/|\brclone\s+(?:copy|sync|move)\b/i,
    severity: 'medium',
    mitre: ['T1567.002'],
  },
];

const SENSITIVE = /\/etc\/(?:passwd|shadow)\b|\.ssh\/(?:id_\w+|authorized_keys)|\.aws\/credentials|\.bash_history|wallet\.dat|\.kube\/config/i;

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
  severityOf: (patterns, texts) => (texts.some((t) => SENSITIVE.test(t)) ? 'critical' : maxSeverity(...patterns.map((p) => p.severity))),
});
