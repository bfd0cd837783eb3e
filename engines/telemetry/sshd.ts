import type { Outcome } from './event.ts';

/** An OpenSSH sshd authentication message, e.g. "Failed password for invalid user admin from 1.2.3.4 port 22 ssh2". */
export type SshdAuth = {
  action: 'login.failed' | 'login.success' | 'invalid_user';
  outcome: Outcome;
  user: string;
  ip: string;
  port: string | null;
  method: string | null;
  invalidUser: boolean;
  keyInfo: string | null;
  repeated: number | null;
};

const FAILED = /^Failed (\S+) for (invalid user )?(.*?) from (\S+) port (\d+)(?: ssh\d?)?$/;
const ACCEPTED = /^Accepted (\S+) for (.*?) from (\S+) port (\d+)(?: ssh\d?)?(?:: (.*))?$/;
const INVALID = /^Invalid user (.*?) from (\S+)(?: port (\d+))?$/;
// rsyslog folds identical lines: "message repeated 3 times: [ Failed password for root from … ]"
const REPEATED = /^message repeated (\d+) times: \[ ?(.*?) ?\]$/;

export function parseSshdAuth(message: string): SshdAuth | null {
  const folded = REPEATED.exec(message);
  const text = folded ? (folded[2] ?? '') : message;
  const repeated = folded ? Number(folded[1]) : null;

  const failed = FAILED.exec(text);
  if (failed) {
    return {
      action: 'login.failed',
      outcome: 'failure',
      user: failed[3] ?? '',
      ip: failed[4] ?? '',
      port: failed[5] ?? null,
      method: failed[1] ?? null,
      invalidUser: failed[2] !== undefined,
      keyInfo: null,
      repeated,
    };
  }
  const accepted = ACCEPTED.exec(text);
  if (accepted) {
    return {
      action: 'login.success',
      outcome: 'success',
      user: accepted[2] ?? '',
      ip: accepted[3] ?? '',
      port: accepted[4] ?? null,
      method: accepted[1] ?? null,
      invalidUser: false,
      keyInfo: accepted[5] ?? null,
      repeated,
    };
  }
  const invalid = INVALID.exec(text);
  if (invalid) {
    return {
      action: 'invalid_user',
      outcome: 'failure',
      user: invalid[1] ?? '',
      ip: invalid[2] ?? '',
      port: invalid[3] ?? null,
      method: null,
      invalidUser: true,
      keyInfo: null,
      repeated,
    };
  }
  return null;
}
