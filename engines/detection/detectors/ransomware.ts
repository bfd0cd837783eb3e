import { maxSeverity } from '../build.ts';
import { type CommandPattern, commandPatternDetector } from '../command-patterns.ts';
import { linearRegex } from '../linear-regex.ts';

const NOTE = String.raw`(?:how_to_(?:decrypt|recover|restore)|decrypt_(?:instructions|files)|restore_(?:my_)?files|recover_files|readme_for_decrypt|help_decrypt)\S*\.(?:txt|html?|hta)\b`;
const LOOP = String.raw`\b(?:find|for|xargs|while|foreach|ForEach-Object|Get-ChildItem)\b`;

export const RANSOMWARE_PATTERNS: readonly CommandPattern[] = [
  {
    name: 'shadow copies deleted (vssadmin)',
    re: linearRegex(String.raw`\bvssadmin(?:\.exe)?\s+(?:delete\s+shadows|resize\s+shadowstorage)\b`, 'i'),
    severity: 'critical',
    mitre: ['T1490'],
  },
  { name: 'shadow copies deleted (wmic)', re: linearRegex(String.raw`\bwmic(?:\.exe)?\s+shadowcopy\s+delete\b`, 'i'), severity: 'critical', mitre: ['T1490'] },
  {
    name: 'shadow copies deleted (PowerShell)',
    re: linearRegex(String.raw`Win32_ShadowCopy\b[^;\n]*(?:\.Delete\s*\(|Remove-(?:WmiObject|CimInstance))`, 'i'),
    severity: 'critical',
    mitre: ['T1490'],
  },
  {
    name: 'backup catalog deleted',
    re: linearRegex(String.raw`\bwbadmin(?:\.exe)?\s+delete\s+(?:catalog|systemstatebackup|backup)\b`, 'i'),
    severity: 'critical',
    mitre: ['T1490'],
  },
  {
    name: 'recovery disabled (bcdedit)',
    re: linearRegex(String.raw`\bbcdedit(?:\.exe)?\s+/set\s+\S+\s+(?:recoveryenabled\s+no|bootstatuspolicy\s+ignoreallfailures)\b`, 'i'),
    severity: 'high',
    mitre: ['T1490'],
  },
  { name: 'free space wiped (cipher /w)', re: linearRegex(String.raw`\bcipher(?:\.exe)?\s+/w:`, 'i'), severity: 'high', mitre: ['T1485'] },
  {
    name: 'mass encryption',
    re: linearRegex(
      String.raw`${LOOP}.*\b(?:openssl\s+(?:enc\b|aes-\d+-\w+|des3?\b|rc4\b)|gpg\s+(?:--batch\s+|--yes\s+)*(?:-c|--symmetric|-e|--encrypt)\b|ccrypt\b|7z\s+a\s+-p)`,
      'i',
    ),
    severity: 'critical',
    mitre: ['T1486'],
  },
  {
    name: 'file encryption (openssl enc)',
    re: linearRegex(String.raw`\bopenssl\s+enc\s+(?:-\w+\s+)*-(?:aes|des|bf|camellia|chacha)`, 'i'),
    severity: 'medium',
    mitre: ['T1486'],
  },
  {
    // `.*` twice made this cubic on a backtracking engine (4.7 s on an 8 KB honeypot line); linear on RE2
    name: 'mass rename to a ransom extension',
    re: linearRegex(String.raw`${LOOP}.*\b(?:mv|rename|ren|Rename-Item)\b.*\.(?:locked|crypted|encrypted|crypt|ransom|payme|locky|wncry)\b`, 'i'),
    severity: 'high',
    mitre: ['T1486'],
  },
  {
    name: 'ransom note written',
    re: linearRegex(
      String.raw`(?:\b(?:echo|printf|cat)\b[^|;\n]*>|\b(?:Set-Content|Out-File|Add-Content)\b[^|;\n]*?)\s*\S*${NOTE}|your\s+files\s+(?:have\s+been|are|were)\s+encrypted`,
      'i',
    ),
    severity: 'high',
    mitre: ['T1486'],
  },
  {
    name: 'backups deleted',
    re: linearRegex(String.raw`\brm\s+-[a-z]*r[a-z]*\s+[^;|&\n]*(?:/var/backups?\b|/backups?\b|\.snapshots?\b)`, 'i'),
    severity: 'high',
    mitre: ['T1490'],
  },
];

/**
 * Ransomware: shadow copy / backup deletion and recovery disabling (vssadmin, wmic, wbadmin, bcdedit), free-space
 * wiping, encryption of many files (openssl enc / gpg / ccrypt inside find/for/xargs loops), mass renames to ransom
 * extensions, ransom notes. Critical with any critical pattern or two distinct patterns together.
 */
export const ransomware = commandPatternDetector({
  id: 'ransomware',
  title: 'Ransomware activity',
  category: 'ransomware',
  mitre: ['T1486', 'T1490'],
  patterns: RANSOMWARE_PATTERNS,
  severityOf: (patterns) => (patterns.length >= 2 ? 'critical' : maxSeverity(...patterns.map((p) => p.severity))),
});
