import type { DetectionCategory, DetectionSeverity } from './types.ts';

export type NoteMeta = { category: DetectionCategory; severity: DetectionSeverity; mitre: readonly string[]; weight: number };

const recon = (severity: DetectionSeverity, mitre: string[]): NoteMeta => ({ category: 'reconnaissance', severity, mitre, weight: 1 });
const anomaly = (severity: DetectionSeverity, weight = 0.5): NoteMeta => ({ category: 'network_anomaly', severity, mitre: [], weight });

/**
 * Zeek notice types (notice.log `note`) from the scripts shipped with Zeek, with what they mean for an analyst.
 * `weight` is the rule's precision for the risk score (policy/hygiene notices count half).
 * Notes not listed fall back to UNKNOWN_NOTE (network_anomaly, medium: Zeek logs notices at severity 2).
 */
export const ZEEK_NOTES: Readonly<Record<string, NoteMeta>> = {
  'Scan::Port_Scan': recon('medium', ['T1046']),
  'Scan::Address_Scan': recon('medium', ['T1046', 'T1018']),
  'Scan::Random_Scan': recon('medium', ['T1046']),
  'Traceroute::Detected': recon('low', ['T1016']),
  'SSH::Password_Guessing': { category: 'brute_force', severity: 'high', mitre: ['T1110.001'], weight: 1 },
  'SSH::Login_By_Password_Guesser': { category: 'brute_force', severity: 'critical', mitre: ['T1110.001', 'T1078'], weight: 1 },
  'FTP::Bruteforcing': { category: 'brute_force', severity: 'high', mitre: ['T1110.001'], weight: 1 },
  'HTTP::SQL_Injection_Attacker': { category: 'web_attack', severity: 'high', mitre: ['T1190'], weight: 1 },
  'HTTP::SQL_Injection_Victim': { category: 'web_attack', severity: 'medium', mitre: ['T1190'], weight: 1 },
  'Heartbleed::SSL_Heartbeat_Attack': { category: 'ids_alert', severity: 'high', mitre: ['T1190'], weight: 1 },
  'Heartbleed::SSL_Heartbeat_Attack_Success': { category: 'ids_alert', severity: 'critical', mitre: ['T1190', 'T1040'], weight: 1 },
  'Heartbleed::SSL_Heartbeat_Odd_Length': { category: 'ids_alert', severity: 'medium', mitre: ['T1190'], weight: 1 },
  'Heartbleed::SSL_Heartbeat_Many_Requests': { category: 'ids_alert', severity: 'medium', mitre: ['T1190'], weight: 1 },
  'TeamCymruMalwareHashRegistry::Match': { category: 'malware', severity: 'high', mitre: ['T1105'], weight: 1 },
  'Intel::Notice': { category: 'ids_alert', severity: 'high', mitre: [], weight: 1 },
  'Signatures::Sensitive_Signature': { category: 'ids_alert', severity: 'medium', mitre: [], weight: 1 },
  'Signatures::Multiple_Signatures': { category: 'ids_alert', severity: 'medium', mitre: [], weight: 1 },
  'Signatures::Multiple_Sig_Responders': { category: 'ids_alert', severity: 'medium', mitre: [], weight: 1 },
  'Signatures::Count_Signature': { category: 'ids_alert', severity: 'low', mitre: [], weight: 1 },
  'Software::Vulnerable_Version': { category: 'ids_alert', severity: 'medium', mitre: ['T1190'], weight: 0.5 },
  'SMTP::Blocklist_Error_Message': anomaly('low'),
  'SMTP::Blocklist_Blocks_Port': anomaly('low'),
  'SMTP::Suspicious_Origination': anomaly('medium', 1),
  'SSH::Interesting_Hostname_Login': anomaly('low'),
  'SSH::Watched_Country_Login': anomaly('low'),
  'SSL::Invalid_Server_Cert': anomaly('low'),
  'SSL::Certificate_Expired': anomaly('low'),
  'SSL::Certificate_Expires_Soon': anomaly('low'),
  'SSL::Certificate_Not_Valid_Yet': anomaly('low'),
  'SSL::Invalid_Ocsp_Response': anomaly('low'),
  'SSL::Weak_Key': anomaly('low'),
  'SSL::Old_Version': anomaly('low'),
  'SSL::Weak_Cipher': anomaly('low'),
  'DNS::External_Name': anomaly('low'),
  'Weird::Activity': anomaly('low'),
  'Conn::Retransmission_Inconsistency': anomaly('low'),
  'Conn::Content_Gap': anomaly('low'),
  'ProtocolDetector::Protocol_Found': anomaly('low'),
  'ProtocolDetector::Server_Found': anomaly('low'),
  'Software::Software_Version_Change': anomaly('low'),
};

export const UNKNOWN_NOTE: NoteMeta = anomaly('medium');
