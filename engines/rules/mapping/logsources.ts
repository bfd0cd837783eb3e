import type { FieldPath } from '../types.ts';
import { AGENT_PROCESS_FIELDS, SYSLOG_FIELDS } from './fields-linux.ts';
import { DNS_FIELDS, FIREWALL_FIELDS } from './fields-network.ts';
import { WEB_FIELDS } from './fields-web.ts';

/**
 * Sigma logsources other than Windows, as selectors on the normalised event (what Vigil's parsers set: sourceKind,
 * category, action, processName, attributes.os). A selector holds when every list it has contains the event's value
 * (case-insensitive); an entry holds when any of its selectors does.
 */
export type EventSelector = {
  sourceKinds?: readonly string[];
  categories?: readonly string[];
  /** processName (a syslog line's program) equals one of these */
  programs?: readonly string[];
  /** attributes.os contains one of these (agents report their OS there) */
  os?: readonly string[];
};

export type LogsourceEntry = {
  selectors: readonly EventSelector[];
  fields: Readonly<Record<string, readonly FieldPath[]>>;
  /** where a field not listed in `fields` is read (default: attributes.<field>, raw.<field>) */
  fieldRoots?: readonly string[];
};

const LINUX_AGENT = ['linux'];
const MACOS_AGENT = ['darwin', 'mac'];
const AGENTS = ['agent', 'edr'];
const SENSORS = ['zeek', 'suricata'];
const agentOn = (os: readonly string[], category: string): EventSelector[] => [{ sourceKinds: AGENTS, categories: [category], os }];
const syslogFrom = (...programs: string[]): EventSelector[] => [{ sourceKinds: ['syslog'], programs }];

/** Keyed `product/category/service` (missing parts empty), as logsourceKey() writes it. */
export const GENERIC_LOGSOURCES: Readonly<Record<string, LogsourceEntry>> = {
  'linux//': { selectors: [{ sourceKinds: ['syslog'] }], fields: SYSLOG_FIELDS },
  'linux//syslog': { selectors: [{ sourceKinds: ['syslog'] }], fields: SYSLOG_FIELDS },
  'linux//auth': { selectors: [{ sourceKinds: ['syslog'], categories: ['authentication'] }], fields: SYSLOG_FIELDS },
  'linux//sshd': { selectors: syslogFrom('sshd'), fields: SYSLOG_FIELDS },
  // audit records (engines/telemetry/auditd.ts): every field of the record under its own name
  'linux//auditd': { selectors: [{ sourceKinds: ['syslog'], categories: ['audit'] }], fields: {}, fieldRoots: ['attributes.auditd'] },
  'linux//sudo': { selectors: syslogFrom('sudo'), fields: SYSLOG_FIELDS },
  'linux//cron': { selectors: syslogFrom('cron', 'crond', 'anacron'), fields: SYSLOG_FIELDS },
  'linux//vsftpd': { selectors: syslogFrom('vsftpd'), fields: SYSLOG_FIELDS },
  'linux//clamav': { selectors: syslogFrom('clamd', 'freshclam', 'clamav', 'clamscan'), fields: SYSLOG_FIELDS },
  'linux//guacamole': { selectors: syslogFrom('guacd', 'guacamole'), fields: SYSLOG_FIELDS },
  '//apache': { selectors: syslogFrom('apache', 'apache2', 'httpd'), fields: SYSLOG_FIELDS },
  '//nginx': { selectors: syslogFrom('nginx'), fields: SYSLOG_FIELDS },
  'linux/process_creation/': { selectors: agentOn(LINUX_AGENT, 'process'), fields: AGENT_PROCESS_FIELDS },
  'linux/file_event/': { selectors: agentOn(LINUX_AGENT, 'file'), fields: AGENT_PROCESS_FIELDS },
  'linux/network_connection/': { selectors: agentOn(LINUX_AGENT, 'network'), fields: AGENT_PROCESS_FIELDS },
  'macos/process_creation/': { selectors: agentOn(MACOS_AGENT, 'process'), fields: AGENT_PROCESS_FIELDS },
  'macos/file_event/': { selectors: agentOn(MACOS_AGENT, 'file'), fields: AGENT_PROCESS_FIELDS },
  '/dns/': { selectors: [{ sourceKinds: SENSORS, categories: ['dns'] }], fields: DNS_FIELDS },
  '/proxy/': { selectors: [{ sourceKinds: SENSORS, categories: ['web'] }], fields: WEB_FIELDS },
  '/webserver/': { selectors: [{ sourceKinds: SENSORS, categories: ['web'] }], fields: WEB_FIELDS },
  '/firewall/': { selectors: [{ sourceKinds: SENSORS, categories: ['network'] }], fields: FIREWALL_FIELDS },
  '//netflow': { selectors: [{ sourceKinds: SENSORS, categories: ['network'] }], fields: FIREWALL_FIELDS },
};

/**
 * Products whose events Vigil stores as they came (raw = the sensor's record): `service` names the record type,
 * matched as the first segment of the action after the prefix (`zeek.dns`, `cowrie.login.failed`, `osquery.<query>.…`).
 */
export const SENSOR_PRODUCTS: Readonly<Record<string, { sourceKind: string; fieldRoots: readonly string[] }>> = {
  zeek: { sourceKind: 'zeek', fieldRoots: ['raw'] },
  suricata: { sourceKind: 'suricata', fieldRoots: ['raw'] },
  cowrie: { sourceKind: 'cowrie', fieldRoots: ['raw'] },
  osquery: { sourceKind: 'osquery', fieldRoots: ['raw.columns', 'raw'] },
};

/** Why a product is refused; the reasons group the conformance report. */
const CLOUD = 'cloud and SaaS audit logs are not ingested';
const DEVICE = 'network device logs are not ingested';
const APPLICATION = 'application logs are not ingested';
export const UNSUPPORTED_PRODUCTS: Readonly<Record<string, string>> = {
  aws: CLOUD,
  azure: CLOUD,
  gcp: CLOUD,
  m365: CLOUD,
  okta: CLOUD,
  onelogin: CLOUD,
  github: CLOUD,
  bitbucket: CLOUD,
  kubernetes: CLOUD,
  cisco: DEVICE,
  huawei: DEVICE,
  juniper: DEVICE,
  fortigate: DEVICE,
  fortios: DEVICE,
  paloalto: DEVICE,
  jvm: APPLICATION,
  spring: APPLICATION,
  sql: APPLICATION,
  python: APPLICATION,
  velocity: APPLICATION,
  django: APPLICATION,
  nodejs: APPLICATION,
  ruby_on_rails: APPLICATION,
  rpc_firewall: APPLICATION,
  opencanary: 'honeypots other than Cowrie are not ingested',
  qualys: 'vulnerability scanner logs are not ingested',
  modsecurity: 'web application firewall logs are not ingested',
};

export const UNSUPPORTED_CATEGORIES: Readonly<Record<string, string>> = {
  application: APPLICATION,
  antivirus: 'antivirus product logs are not ingested',
  database: 'database audit logs are not ingested',
};

export const UNSUPPORTED_SERVICES: Readonly<Record<string, string>> = {};
