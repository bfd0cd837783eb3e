/** The words the translator knows, as data: phrases are lower-case word sequences matched token by token. */

export type NlTable = 'Events' | 'Alerts' | 'Incidents' | 'NetworkEvents';

/** A threat category: the phrases that name it, the stored category value, and the term searched for in text. */
export interface ThreatCategoryWords {
  value: string;
  phrases: string[][];
  term: string;
}

const words = (...phrases: string[]): string[][] => phrases.map((phrase) => phrase.split(' '));

export const THREAT_CATEGORIES: readonly ThreatCategoryWords[] = [
  { value: 'ransomware', phrases: words('ransomware'), term: 'ransomware' },
  { value: 'brute_force', phrases: words('brute force', 'brute-force', 'bruteforce', 'brute forcing', 'brute_force'), term: 'brute force' },
  { value: 'password_spray', phrases: words('password spray', 'password spraying', 'password_spray'), term: 'password spray' },
  { value: 'credential_stuffing', phrases: words('credential stuffing', 'credential_stuffing'), term: 'credential stuffing' },
  { value: 'malware', phrases: words('malware', 'malicious software', 'trojan', 'virus'), term: 'malware' },
  { value: 'phishing', phrases: words('phishing', 'phish'), term: 'phishing' },
  { value: 'reconnaissance', phrases: words('reconnaissance', 'recon', 'port scan', 'port scans', 'port scanning', 'scanning', 'scans'), term: 'scan' },
  { value: 'web_attack', phrases: words('web attack', 'web attacks', 'sql injection', 'sqli', 'xss', 'web_attack'), term: 'web attack' },
  { value: 'dos', phrases: words('ddos', 'dos', 'denial of service'), term: 'denial of service' },
  { value: 'cryptomining', phrases: words('cryptomining', 'crypto mining', 'cryptominer', 'coin miner', 'miner'), term: 'mining' },
  { value: 'exfiltration', phrases: words('exfiltration', 'data exfiltration', 'exfil'), term: 'exfiltration' },
  { value: 'lateral_movement', phrases: words('lateral movement', 'lateral_movement'), term: 'lateral movement' },
  { value: 'command_and_control', phrases: words('command and control', 'c2', 'c&c', 'command_and_control'), term: 'command and control' },
  { value: 'privilege_escalation', phrases: words('privilege escalation', 'privesc', 'privilege_escalation'), term: 'privilege escalation' },
  { value: 'persistence', phrases: words('persistence'), term: 'persistence' },
  { value: 'credential_access', phrases: words('credential access', 'credential theft', 'credential dumping', 'credential_access'), term: 'credential' },
];

export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type SeverityWord = (typeof SEVERITIES)[number];

/** Statuses a question may filter on, and the tables that have them. */
export const STATUSES: Readonly<Record<string, readonly NlTable[]>> = {
  open: ['Alerts', 'Incidents'],
  closed: ['Alerts', 'Incidents'],
  in_progress: ['Alerts'],
  triage: ['Incidents'],
  investigating: ['Incidents'],
  contained: ['Incidents'],
  resolved: ['Incidents'],
  false_positive: ['Incidents'],
};

/** Words naming a table, in the order they are tried. */
export const TABLE_WORDS: readonly { table: NlTable; phrases: string[][] }[] = [
  { table: 'Incidents', phrases: words('incidents', 'incident', 'cases', 'case') },
  { table: 'Alerts', phrases: words('alerts', 'alert', 'detections', 'detection') },
  {
    table: 'NetworkEvents',
    phrases: words('network events', 'network traffic', 'network connections', 'connections', 'flows', 'traffic', 'dns queries', 'suricata', 'zeek'),
  },
  { table: 'Events', phrases: words('events', 'event', 'logs', 'log entries', 'activity') },
];

export const FAILED_WORDS = new Set(['failed', 'failing', 'failure', 'failures', 'unsuccessful', 'invalid', 'bad', 'rejected', 'denied']);
export const SUCCESS_WORDS = new Set(['successful', 'succeeded', 'success', 'accepted', 'valid']);
export const LOGIN_WORDS = new Set([
  'login',
  'logins',
  'logon',
  'logons',
  'log-in',
  'log-ins',
  'sign-in',
  'sign-ins',
  'signin',
  'signins',
  'authentication',
  'authentications',
  'auth',
]);
/** Words that may sit between the outcome and the login word: "failed ssh login attempts". */
export const LOGIN_NOUNS = new Set(['attempt', 'attempts', 'password', 'passwords']);
export const PROTOCOLS = { ssh: ['ssh', 'sshd'], rdp: ['rdp', 'remote desktop'], windows: ['windows', '4625', '4624'] } as const;

/** Words after "top N" naming what to rank, and the ranked column per table. */
export type TopKind = 'ips' | 'users' | 'hosts' | 'ports' | 'domains';
export const TOP_KIND_WORDS: Readonly<Record<string, TopKind>> = {
  ips: 'ips',
  ip: 'ips',
  addresses: 'ips',
  sources: 'ips',
  attackers: 'ips',
  users: 'users',
  usernames: 'users',
  accounts: 'users',
  user: 'users',
  hosts: 'hosts',
  hostnames: 'hosts',
  computers: 'hosts',
  machines: 'hosts',
  devices: 'hosts',
  ports: 'ports',
  domains: 'domains',
};
/** Adjectives allowed between "top N" and the kind; "attacking" ones make attackers the subject. */
export const TOP_ADJECTIVES = new Set([
  'attacking',
  'malicious',
  'suspicious',
  'offending',
  'source',
  'targeted',
  'active',
  'noisy',
  'noisiest',
  'destination',
]);
export const ATTACKING_WORDS = new Set(['attacking', 'malicious', 'offending', 'attackers', 'attacker']);

export const BIN_WORDS: Readonly<Record<string, string>> = { minute: '1m', hour: '1h', day: '1d', week: '7d' };
export const BIN_ADVERBS: Readonly<Record<string, string>> = { hourly: '1h', daily: '1d', weekly: '7d' };

/** Words that introduce a keyword to search for in the text columns. */
export const KEYWORD_MARKERS = new Set(['with', 'mentioning', 'containing', 'contains', 'about', 'matching', 'regarding', 'involving', 'like']);

/** Words that carry no meaning for the query; they never count as unrecognised. */
export const STOPWORDS = new Set(
  (
    'a an the of for from to in on at by with and or all any some me my our us show list find get search give display ' +
    'what which who where when were was is are be been have has had did do does there that this these those please ' +
    'can could would you i we see look lookup tell about recent latest query run return returned happened ' +
    'occurred seen observed detected within over during most than more up'
  ).split(' '),
);
