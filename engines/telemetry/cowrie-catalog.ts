import type { EventKind, Outcome, Severity } from './event.ts';

/**
 * What each documented Cowrie event id means in the normalised model (docs/OUTPUT.rst of cowrie/cowrie).
 * Severity reflects attacker progress on a honeypot: contact is info, credential guessing low, commands and
 * tunnelling medium, a successful login or a dropped file high, a successful exploit critical.
 */
export type CowrieEventMeta = { category: string; severity: Severity; outcome?: Outcome; kind?: EventKind };

export const COWRIE_EVENTS: Readonly<Record<string, CowrieEventMeta>> = {
  'cowrie.abuseipdb.ratelimited': { category: 'threat', severity: 0 },
  'cowrie.abuseipdb.reportedip': { category: 'threat', severity: 0, outcome: 'success' },
  'cowrie.abuseipdb.reportfail': { category: 'threat', severity: 0, outcome: 'failure' },
  'cowrie.abuseipdb.started': { category: 'threat', severity: 0 },
  'cowrie.abuseipdb.wakeup': { category: 'threat', severity: 0 },
  'cowrie.client.fingerprint': { category: 'authentication', severity: 1 },
  'cowrie.client.kex': { category: 'network', severity: 0 },
  'cowrie.client.malformed_packet': { category: 'network', severity: 1, outcome: 'failure' },
  'cowrie.client.size': { category: 'session', severity: 0 },
  'cowrie.client.var': { category: 'session', severity: 0 },
  'cowrie.client.version': { category: 'network', severity: 0 },
  'cowrie.command.chpasswd': { category: 'iam', severity: 2 },
  'cowrie.command.failed': { category: 'process', severity: 2, outcome: 'failure' },
  'cowrie.command.input': { category: 'process', severity: 2 },
  'cowrie.command.success': { category: 'process', severity: 2, outcome: 'success' },
  'cowrie.direct-tcpip.data': { category: 'network', severity: 2 },
  'cowrie.direct-tcpip.ja4': { category: 'network', severity: 1 },
  'cowrie.direct-tcpip.ja4h': { category: 'network', severity: 1 },
  'cowrie.direct-tcpip.redirect': { category: 'network', severity: 2 },
  'cowrie.direct-tcpip.request': { category: 'network', severity: 2 },
  'cowrie.direct-tcpip.tunnel': { category: 'network', severity: 2 },
  'cowrie.greynoise.result': { category: 'threat', severity: 0 },
  'cowrie.log.closed': { category: 'session', severity: 0 },
  'cowrie.log.open': { category: 'session', severity: 0 },
  'cowrie.login.failed': { category: 'authentication', severity: 1, outcome: 'failure' },
  'cowrie.login.success': { category: 'authentication', severity: 3, outcome: 'success' },
  'cowrie.proxy.backend_connect_error': { category: 'network', severity: 1, outcome: 'failure' },
  'cowrie.proxy.backend_connected': { category: 'network', severity: 0, outcome: 'success' },
  'cowrie.proxy.backend_disconnected': { category: 'network', severity: 0 },
  'cowrie.proxy.client_disconnect': { category: 'network', severity: 0 },
  'cowrie.proxy.ssh': { category: 'network', severity: 0 },
  'cowrie.reversedns.connect': { category: 'dns', severity: 0 },
  'cowrie.reversedns.forward': { category: 'dns', severity: 0 },
  'cowrie.session.closed': { category: 'session', severity: 0 },
  'cowrie.session.connect': { category: 'network', severity: 0 },
  'cowrie.session.file_download': { category: 'file', severity: 3, outcome: 'success' },
  'cowrie.session.file_download.failed': { category: 'file', severity: 2, outcome: 'failure' },
  'cowrie.session.file_upload': { category: 'file', severity: 3, outcome: 'success' },
  'cowrie.session.input': { category: 'process', severity: 2 },
  'cowrie.session.params': { category: 'session', severity: 0 },
  'cowrie.telnet.error': { category: 'network', severity: 1, outcome: 'failure' },
  'cowrie.telnet.exploit_attempt': { category: 'intrusion_detection', severity: 3, kind: 'alert' },
  'cowrie.telnet.exploit_success': { category: 'intrusion_detection', severity: 4, outcome: 'success', kind: 'alert' },
  'cowrie.telnet.option': { category: 'network', severity: 0 },
  'cowrie.tunnelproxy-tcpip.data': { category: 'network', severity: 2 },
  'cowrie.urlhaus.submitted': { category: 'threat', severity: 0 },
  'cowrie.virustotal.scanfile': { category: 'threat', severity: 0 },
  'cowrie.virustotal.scanurl': { category: 'threat', severity: 0 },
};

export const UNKNOWN_COWRIE_EVENT: CowrieEventMeta = { category: 'session', severity: 0 };
