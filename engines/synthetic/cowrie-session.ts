import { cowrieTime, ephemeralPort } from './format.ts';
import type { Rng } from './prng.ts';
import type { SyntheticRecord } from './types.ts';

export const HONEYPOT_IP = '10.0.0.10';
export const HONEYPOT_SENSOR = 'synthetic-honeypot';

/** One SSH connection to the honeypot: builds its Cowrie events in order, as `output_jsonlog` writes them. */
export function cowrieSession(rng: Rng, srcIp: string, openedAt: number) {
  const session = rng.hex(12);
  const records: SyntheticRecord[] = [];
  const push = (eventid: string, ms: number, fields: Record<string, unknown>) =>
    records.push({
      source: 'cowrie',
      record: { eventid, ...fields, sensor: HONEYPOT_SENSOR, timestamp: cowrieTime(ms, rng), src_ip: srcIp, session, protocol: 'ssh' },
    });
  const srcPort = ephemeralPort(rng);
  push('cowrie.session.connect', openedAt, {
    src_port: srcPort,
    dst_ip: HONEYPOT_IP,
    dst_port: 22,
    message: `New connection: ${srcIp}:${srcPort} (${HONEYPOT_IP}:22) [session: ${session}]`,
  });
  return {
    records,
    login(ms: number, username: string, password: string, success: boolean) {
      const verb = success ? 'succeeded' : 'failed';
      push(success ? 'cowrie.login.success' : 'cowrie.login.failed', ms, { username, password, message: `login attempt [${username}/${password}] ${verb}` });
    },
    command(ms: number, input: string) {
      push('cowrie.command.input', ms, { input, message: `CMD: ${input}` });
    },
    close(ms: number) {
      const duration = Number(((ms - openedAt) / 1000).toFixed(1));
      push('cowrie.session.closed', ms, { duration, message: `Connection lost after ${duration} seconds` });
    },
  };
}
