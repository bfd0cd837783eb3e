// Names of the ATT&CK techniques Vigil's detectors report (engines/detection/README.md), for labels.
const NAMES: Readonly<Record<string, string>> = {
  T1018: 'Remote System Discovery',
  T1041: 'Exfiltration Over C2 Channel',
  T1046: 'Network Service Discovery',
  T1048: 'Exfiltration Over Alternative Protocol',
  T1059: 'Command and Scripting Interpreter',
  T1071: 'Application Layer Protocol',
  T1078: 'Valid Accounts',
  T1083: 'File and Directory Discovery',
  T1087: 'Account Discovery',
  T1105: 'Ingress Tool Transfer',
  T1110: 'Brute Force',
  T1132: 'Data Encoding',
  T1190: 'Exploit Public-Facing Application',
  T1485: 'Data Destruction',
  T1486: 'Data Encrypted for Impact',
  T1490: 'Inhibit System Recovery',
  T1496: 'Resource Hijacking',
  T1498: 'Network Denial of Service',
  T1499: 'Endpoint Denial of Service',
  T1567: 'Exfiltration Over Web Service',
};

const SUB_NAMES: Readonly<Record<string, string>> = {
  'T1110.001': 'Password Guessing',
  'T1110.003': 'Password Spraying',
  'T1110.004': 'Credential Stuffing',
  'T1048.003': 'Exfiltration Over Unencrypted Non-C2 Protocol',
  'T1059.004': 'Unix Shell',
  'T1132.001': 'Standard Encoding',
  'T1499.002': 'Service Exhaustion Flood',
  'T1567.002': 'Exfiltration to Cloud Storage',
};

export function techniqueName(id: string): string {
  const parent = NAMES[id.split('.')[0] ?? id];
  const sub = SUB_NAMES[id];
  if (parent && sub) return `${parent}: ${sub}`;
  return parent ?? id;
}
