import { type LinearRegex, linearRegex } from './linear-regex.ts';

/**
 * Web attack patterns, matched on the RAW request payload (URL, query, body, selected headers) after URL decoding.
 * They are written to be precise: each needs attack syntax (a quote that breaks out, a tag with a handler, two
 * traversal steps, a shell separator followed by a command), so words like "union", "select", "script" or
 * "onion" alone never match. Benign look-alikes are in web-patterns.test.ts.
 * The whole payload is matched, however long: the engine is linear (linear-regex.ts), so padding cannot hide a match.
 */
export const WEB_ATTACK_CLASSES = ['sql_injection', 'xss', 'path_traversal', 'command_injection'] as const;
export type WebAttackClass = (typeof WEB_ATTACK_CLASSES)[number];

export type WebPattern = { name: string; re: LinearRegex };

const HANDLERS =
  'error|load|click|dblclick|mouse\\w+|key\\w+|focus\\w*|blur|submit|change|input|toggle|pageshow|begin|animation\\w+|' +
  'transition\\w+|pointer\\w+|touch\\w+|wheel|scroll|resize|beforeunload|unload|hashchange|message|show|drag\\w*|drop|' +
  'paste|copy|cut|play|pause|ended|auxclick|contextmenu|select|abort|canplay\\w*|loadstart|progress|readystatechange';
const COMMANDS =
  'cat|ls|id|whoami|uname|wget|curl|nc|ncat|netcat|bash|sh|zsh|dash|python[23]?|perl|ruby|php|ping|nslookup|dig|' +
  'chmod|rm|echo|busybox|tftp|ftpget|sleep|env|ifconfig|pwd|powershell|cmd(?:\\.exe)?|net\\s+user|ps|kill|base64|telnet';
const QUOTE = '[\'"`]';
const COMPARE = String.raw`(?:=|like)\s*${QUOTE}?`;
// a script-URI call target other than exactly `void` (RE2 has no lookahead): shorter, longer, or another letter somewhere
const TOKEN = String.raw`[\w$.[\]'"]`;
const NOT_VOID = String.raw`(?:${TOKEN}{1,3}|${TOKEN}{5,}|[0-9a-uw-z_$.[\]'"]${TOKEN}{3}|v[0-9a-np-z_$.[\]'"]${TOKEN}{2}|vo[0-9a-hj-z_$.[\]'"]${TOKEN}|voi[0-9a-ce-z_$.[\]'"])`;
// `void` called with anything but a lone 0
const VOID_NOT_ZERO = String.raw`void\s*(?:[=\x60]|\(\s*(?:$|[^\s0]|0\s*(?:$|[^\s)])))`;

export const WEB_PATTERNS: Readonly<Record<WebAttackClass, readonly WebPattern[]>> = {
  sql_injection: [
    { name: 'union select', re: linearRegex(String.raw`\bunion(?:\s+(?:all|distinct))?[\s(]*select\b`, 'i') },
    {
      // a quote that closes the string, then an always-true comparison: ' OR '1'='1, ' or 1=1, " or ""=", 'or'='or'.
      // RE2 has no backreference: word operands are captured and must be equal (equalGroups); an empty left operand
      // ('') needs no comparison and is its own branch, without captures
      name: 'quoted tautology',
      re: linearRegex(
        String.raw`${QUOTE}\s*\)*\s*(?:or|and|xor|\|\||&&)\s*\(*\s*(?:${QUOTE}?${QUOTE}?\s*${COMPARE}(?:${QUOTE}|\b|$)|${QUOTE}?(\w+)${QUOTE}?\s*${COMPARE}(\w+)(?:${QUOTE}|\b|$))`,
        'i',
        { equalGroups: [1, 2] },
      ),
    },
    { name: 'numeric tautology', re: linearRegex(String.raw`\b(?:or|and)\s+(\d+)\s*=\s*(\d+)\b`, 'i', { equalGroups: [1, 2] }) },
    { name: 'quote then comment', re: linearRegex(String.raw`'\s*\)*\s*(?:--|#|/\*)`) },
    {
      name: 'stacked query',
      re: linearRegex(
        String.raw`;\s*(?:drop\s+(?:table|database|schema)|delete\s+from|insert\s+into|update\s+\w+\s+set|truncate\s+table|alter\s+table|create\s+(?:table|user)|exec(?:ute)?\s+(?:xp_|sp_|master\.)|shutdown\b|declare\s+@)`,
        'i',
      ),
    },
    {
      name: 'time-based blind',
      re: linearRegex(
        String.raw`(?:\b(?:and|or|xor|select|if|then|when)\b|['"\x60(,;|&])\s*\(*\s*(?:(?:pg_)?sleep\s*\(\s*\d|benchmark\s*\(\s*\d+\s*,|waitfor\s+delay\s+['"]\d)`,
        'i',
      ),
    },
    {
      name: 'schema or file access',
      re: linearRegex(
        String.raw`\binformation_schema\s*\.\s*\w|\bsys(?:objects|columns)\b|\bpg_shadow\b|\bload_file\s*\(|\binto\s+(?:out|dump)file\b|@@(?:version|datadir|hostname)\b|\bxp_cmdshell\b|\b(?:extractvalue|updatexml)\s*\(`,
        'i',
      ),
    },
    {
      name: 'select star/function',
      re: linearRegex(String.raw`\bselect\s+(?:\*\s*from\b|(?:group_)?concat\s*\(|(?:version|user|database|current_user)\s*\(\s*\)|@@)`, 'i'),
    },
    { name: 'char encoding', re: linearRegex(String.raw`\b(?:concat|char|chr)\s*\(\s*(?:0x[0-9a-f]+|\d+\s*,\s*\d+)`, 'i') },
  ],
  xss: [
    { name: 'script tag', re: linearRegex(String.raw`<\s*script\b[^>]*>|<\s*/\s*script\s*>`, 'i') },
    { name: 'event handler in tag', re: linearRegex(String.raw`<\s*[a-z][\w:-]*\b[^<>]*[\s/"'](?:on(?:${HANDLERS}))\s*=`, 'i') },
    {
      // javascript:void(0) is the harmless placeholder link
      name: 'javascript: uri',
      re: linearRegex(String.raw`(?:^|[\s"'\x60=(<,;])(?:javascript|vbscript|livescript)\s*:\s*(?:${NOT_VOID}\s*[(=\x60]|${VOID_NOT_ZERO})`, 'i'),
    },
    {
      name: 'active tag with script uri',
      re: linearRegex(
        String.raw`<\s*(?:iframe|frame|object|embed|applet|meta|base|form|svg|math|a)\b[^<>]*\b(?:src|data|href|action|formaction|content|xlink:href)\s*=\s*['"]?\s*(?:javascript|vbscript|data\s*:\s*text/html)`,
        'i',
      ),
    },
    {
      name: 'dom access',
      re: linearRegex(
        String.raw`\bdocument\s*\.\s*(?:cookie|domain|write)\b|\bstring\s*\.\s*fromcharcode\s*\(|\b(?:alert|prompt|confirm)\s*\(\s*(?:document|window|\d+\s*\)|['"]xss)`,
        'i',
      ),
    },
  ],
  path_traversal: [
    { name: 'repeated traversal', re: linearRegex(String.raw`(?:\.{2,8}[/\\]{1,4}){2,}`) },
    {
      name: 'traversal to a sensitive file',
      re: linearRegex(
        String.raw`\.\.[/\\].*(?:etc[/\\](?:passwd|shadow|hosts|group)|win\.ini|boot\.ini|system32|proc[/\\]self|\.ssh[/\\]|\.env\b|web\.config|wp-config\.php)`,
        'i',
      ),
    },
    {
      name: 'absolute system path',
      re: linearRegex(
        String.raw`(?:^|[=:]\s*)(?:file://)?(?:/(?:etc/(?:passwd|shadow|group|hosts|issue|crontab)(?:$|[\s&;?#"'])|proc/self/(?:environ|cmdline|maps|fd)|root/\.ssh\b)|[a-z]:\\(?:windows\\|boot\.ini|inetpub\\))`,
        'i',
      ),
    },
    { name: 'stream wrapper', re: linearRegex(String.raw`\b(?:php|expect|phar)://\w`, 'i') },
  ],
  command_injection: [
    {
      // `&` alone only before a space (a URL's `&param` is not a shell separator)
      name: 'chained shell command',
      re: linearRegex(String.raw`(?:(?:[;\n|\x60]|\|\||&&|\$\()\s*|&\s+)(?:/(?:usr/)?s?bin/)?(?:${COMMANDS})(?:$|[\s;|&)\x60'"<>])`, 'i'),
    },
    {
      name: 'reverse shell',
      re: linearRegex(String.raw`/dev/(?:tcp|udp)/[\w.-]+/\d+|\bnc(?:at)?\s+(?:-\w+\s+)*-[a-z]*e\s*/?\w|\bbash\s+-i\s*>&`, 'i'),
    },
    { name: 'download and run', re: linearRegex(String.raw`\b(?:wget|curl)\s+[^\s;|&]*://\S+[^;&]*\|\s*(?:ba)?sh\b`, 'i') },
    { name: 'shellshock', re: linearRegex(String.raw`\(\s*\)\s*\{\s*:?\s*;?\s*\}\s*;`) },
    { name: 'jndi lookup', re: linearRegex(String.raw`\$\{\s*jndi\s*:|\$\{[^}]{0,40}\$\{\s*(?:lower|upper|::-|env)\b`, 'i') },
  ],
};

const OVERLONG_SLASH = linearRegex('%(?:c0%af|e0%80%af)', 'i');
const OVERLONG_BACKSLASH = linearRegex('%c1%9c', 'i');
const PERCENT_U = linearRegex('%u([0-9a-f]{4})', 'i');
const PERCENT = linearRegex('%([0-9a-f]{2})', 'i');
const INLINE_COMMENT = linearRegex(String.raw`/\*.*?\*/`);
/** The payload-rewriting patterns (decoding, comment removal), for the engine test. */
export const PAYLOAD_REWRITES: readonly LinearRegex[] = [OVERLONG_SLASH, OVERLONG_BACKSLASH, PERCENT_U, PERCENT, INLINE_COMMENT];

const fromHex = (_: string, hex: string) => String.fromCharCode(Number.parseInt(hex, 16));

/** Percent-decoding up to three times (double-encoded payloads), `+` as space, overlong UTF-8 slashes, NULs dropped. */
export function decodePayload(raw: string): string {
  let s = OVERLONG_BACKSLASH.replaceAll(OVERLONG_SLASH.replaceAll(raw, '/'), '\\').replaceAll('+', ' ');
  for (let i = 0; i < 3; i++) {
    const next = PERCENT.replaceAll(PERCENT_U.replaceAll(s, fromHex), fromHex);
    if (next === s) break;
    s = next;
  }
  return s.replaceAll('\u0000', '');
}

export type WebMatch = { attack: WebAttackClass; pattern: string };

/** Every attack class whose patterns match the payload, with the first matching pattern's name. */
export function classifyPayload(raw: string): WebMatch[] {
  const decoded = decodePayload(raw);
  // inline SQL comments hide keywords (UNION/**/SELECT); they are tested both kept and replaced by a space
  const uncommented = INLINE_COMMENT.replaceAll(decoded, ' ');
  const matches: WebMatch[] = [];
  for (const attack of WEB_ATTACK_CLASSES) {
    const hit = WEB_PATTERNS[attack].find((p) => p.re.test(decoded) || (attack === 'sql_injection' && p.re.test(uncommented)));
    if (hit) matches.push({ attack, pattern: hit.name });
  }
  return matches;
}
