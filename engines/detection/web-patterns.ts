/**
 * Web attack patterns, matched on the RAW request payload (URL, query, body, selected headers) after URL decoding.
 * They are written to be precise: each needs attack syntax (a quote that breaks out, a tag with a handler, two
 * traversal steps, a shell separator followed by a command), so words like "union", "select", "script" or
 * "onion" alone never match. Benign look-alikes are in web-patterns.test.ts.
 */
export const WEB_ATTACK_CLASSES = ['sql_injection', 'xss', 'path_traversal', 'command_injection'] as const;
export type WebAttackClass = (typeof WEB_ATTACK_CLASSES)[number];

type Pattern = { name: string; re: RegExp };

/** Longer payloads are cut: the patterns are bounded, so matching stays linear-ish on hostile input. */
const MAX_PAYLOAD = 4096;

const HANDLERS =
  'error|load|click|dblclick|mouse\\w+|key\\w+|focus\\w*|blur|submit|change|input|toggle|pageshow|begin|animation\\w+|' +
  'transition\\w+|pointer\\w+|touch\\w+|wheel|scroll|resize|beforeunload|unload|hashchange|message|show|drag\\w*|drop|' +
  'paste|copy|cut|play|pause|ended|auxclick|contextmenu|select|abort|canplay\\w*|loadstart|progress|readystatechange';
const COMMANDS =
  'cat|ls|id|whoami|uname|wget|curl|nc|ncat|netcat|bash|sh|zsh|dash|python[23]?|perl|ruby|php|ping|nslookup|dig|' +
  'chmod|rm|echo|busybox|tftp|ftpget|sleep|env|ifconfig|pwd|powershell|cmd(?:\\.exe)?|net\\s+user|ps|kill|base64|telnet';

export const WEB_PATTERNS: Readonly<Record<WebAttackClass, readonly Pattern[]>> = {
  sql_injection: [
    { name: 'union select', re: /\bunion(?:\s+(?:all|distinct))?[\s(]*select\b/i },
    // a quote that closes the string, then an always-true comparison: ' OR '1'='1, ' or 1=1, " or ""="
    { name: 'quoted tautology', re: /['"`]\s*\)*\s*(?:or|and|xor|\|\||&&)\s*\(*\s*['"`]?(\w*)['"`]?\s*(?:=|like)\s*['"`]?\1(?:['"`]|\b|$)/i },
    { name: 'numeric tautology', re: /\b(?:or|and)\s+(\d+)\s*=\s*\1\b/i },
    { name: 'quote then comment', re: /'\s*\)*\s*(?:--|#|\/\*)/ },
    {
      name: 'stacked query',
      re: /;\s*(?:drop\s+(?:table|database|schema)|delete\s+from|insert\s+into|update\s+\w+\s+set|truncate\s+table|alter\s+table|create\s+(?:table|user)|exec(?:ute)?\s+(?:xp_|sp_|master\.)|shutdown\b|declare\s+@)/i,
    },
    {
      name: 'time-based blind',
      re: /(?:\b(?:and|or|xor|select|if|then|when)\b|['"`(,;|&])\s*\(*\s*(?:(?:pg_)?sleep\s*\(\s*\d|benchmark\s*\(\s*\d+\s*,|waitfor\s+delay\s+['"]\d)/i,
    },
    {
      name: 'schema or file access',
      re: /\binformation_schema\s*\.\s*\w|\bsys(?:objects|columns)\b|\bpg_shadow\b|\bload_file\s*\(|\binto\s+(?:out|dump)file\b|@@(?:version|datadir|hostname)\b|\bxp_cmdshell\b|\b(?:extractvalue|updatexml)\s*\(/i,
    },
    { name: 'select star/function', re: /\bselect\s+(?:\*\s*from\b|(?:group_)?concat\s*\(|(?:version|user|database|current_user)\s*\(\s*\)|@@)/i },
    { name: 'char encoding', re: /\b(?:concat|char|chr)\s*\(\s*(?:0x[0-9a-f]+|\d+\s*,\s*\d+)/i },
  ],
  xss: [
    { name: 'script tag', re: /<\s*script\b[^>]*>|<\s*\/\s*script\s*>/i },
    { name: 'event handler in tag', re: new RegExp(`<\\s*[a-z][\\w:-]*\\b[^<>]{0,512}?[\\s/"'](?:on(?:${HANDLERS}))\\s*=`, 'i') },
    { name: 'javascript: uri', re: /(?:^|[\s"'`=(<,;])(?:javascript|vbscript|livescript)\s*:(?!\s*void\s*\(\s*0\s*\))\s*[\w$.[\]'"]+\s*[(=`]/i },
    {
      name: 'active tag with script uri',
      re: /<\s*(?:iframe|frame|object|embed|applet|meta|base|form|svg|math|a)\b[^<>]{0,512}?\b(?:src|data|href|action|formaction|content|xlink:href)\s*=\s*['"]?\s*(?:javascript|vbscript|data\s*:\s*text\/html)/i,
    },
    {
      name: 'dom access',
      re: /\bdocument\s*\.\s*(?:cookie|domain|write)\b|\bstring\s*\.\s*fromcharcode\s*\(|\b(?:alert|prompt|confirm)\s*\(\s*(?:document|window|\d+\s*\)|['"]xss)/i,
    },
  ],
  path_traversal: [
    { name: 'repeated traversal', re: /(?:\.{2,8}[/\\]{1,4}){2,}/ },
    {
      name: 'traversal to a sensitive file',
      re: /\.\.[/\\].{0,200}?(?:etc[/\\](?:passwd|shadow|hosts|group)|win\.ini|boot\.ini|system32|proc[/\\]self|\.ssh[/\\]|\.env\b|web\.config|wp-config\.php)/i,
    },
    {
      name: 'absolute system path',
      re: /(?:^|[=:]\s*)(?:file:\/\/)?(?:\/(?:etc\/(?:passwd|shadow|group|hosts|issue|crontab)(?=$|[\s&;?#"'])|proc\/self\/(?:environ|cmdline|maps|fd)|root\/\.ssh\b)|[a-z]:\\(?:windows\\|boot\.ini|inetpub\\))/i,
    },
    { name: 'stream wrapper', re: /\b(?:php|expect|phar):\/\/\w/i },
  ],
  command_injection: [
    {
      name: 'chained shell command',
      re: new RegExp(`(?:[;\\n|\`]|\\|\\||&&|&(?=\\s)|\\$\\()\\s*(?:/(?:usr/)?s?bin/)?(?:${COMMANDS})(?=$|[\\s;|&)\`'"<>])`, 'i'),
    },
    { name: 'reverse shell', re: /\/dev\/(?:tcp|udp)\/[\w.-]+\/\d+|\bnc(?:at)?\s+(?:-\w+\s+)*-[a-z]*e\s*\/?\w|\bbash\s+-i\s*>&/i },
    { name: 'download and run', re: /\b(?:wget|curl)\s+[^\s;|&]*:\/\/\S+[^;&]*\|\s*(?:ba)?sh\b/i },
    { name: 'shellshock', re: /\(\s*\)\s*\{\s*:?\s*;?\s*\}\s*;/ },
    { name: 'jndi lookup', re: /\$\{\s*jndi\s*:|\$\{[^}]{0,40}\$\{\s*(?:lower|upper|::-|env)\b/i },
  ],
};

/** Percent-decoding up to three times (double-encoded payloads), `+` as space, overlong UTF-8 slashes, NULs dropped. */
export function decodePayload(raw: string): string {
  let s = raw
    .slice(0, MAX_PAYLOAD)
    .replace(/%(?:c0%af|e0%80%af)/gi, '/')
    .replace(/%c1%9c/gi, '\\')
    .replaceAll('+', ' ');
  for (let i = 0; i < 3; i++) {
    const next = s
      .replace(/%u([0-9a-f]{4})/gi, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)))
      .replace(/%([0-9a-f]{2})/gi, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
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
  const uncommented = decoded.replace(/\/\*.*?\*\//g, ' ');
  const matches: WebMatch[] = [];
  for (const attack of WEB_ATTACK_CLASSES) {
    const hit = WEB_PATTERNS[attack].find((p) => p.re.test(decoded) || (attack === 'sql_injection' && p.re.test(uncommented)));
    if (hit) matches.push({ attack, pattern: hit.name });
  }
  return matches;
}
