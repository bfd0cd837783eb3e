import { num } from './build.ts';
import type { DetectionEvent } from './types.ts';

/** Connection records: one per connection attempt, from Zeek, Suricata and Cowrie port forwarding. */
// Suricata netflow is left out: one record per direction, so a server's replies would look like a scan of its client.
export const CONNECTION_ACTIONS = ['zeek.conn', 'suricata.flow', 'cowrie.direct-tcpip.request'] as const;
const ACTIONS = new Set<string>(CONNECTION_ACTIONS);

export function isConnection(e: DetectionEvent): boolean {
  return ACTIONS.has(e.action) && e.srcIp !== null && e.dstIp !== null;
}

/**
 * A connection that was not (known to be) established: what a scan leaves behind. Zeek: conn_state S0/REJ/RSTOS0/…
 * (outcome failure) or unknown; Suricata: at most one packet back to the client (a SYN-ACK or RST, no session);
 * Cowrie: every direct-tcpip request (an attacker asking the honeypot to connect somewhere).
 */
export function isProbe(e: DetectionEvent): boolean {
  if (e.action === 'zeek.conn') return e.outcome !== 'success';
  if (e.action === 'suricata.flow') {
    if (e.attributes.flowState === 'established') return false;
    const back = num(e.attributes.flowPktsToClient);
    return back === null || back <= 1;
  }
  return true;
}
