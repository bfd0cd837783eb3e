import { num, str } from './build.ts';
import type { DetectionEvent } from './types.ts';

/**
 * Failed logins as the telemetry parsers store them. Cowrie (SSH and Telnet) `cowrie.login.failed`, sshd syslog
 * `syslog.sshd.login.failed` (rsyslog's "message repeated N times" counts N), Zeek ssh with auth_success=false
 * (auth_attempts counts). sshd's "Invalid user" line is skipped: the "Failed … for invalid user" line of the same
 * attempt is already counted.
 */
export const SSH_FAILED_LOGIN_ACTIONS = ['cowrie.login.failed', 'syslog.sshd.login.failed', 'zeek.ssh'] as const;
export const SUCCESS_LOGIN_ACTIONS = ['cowrie.login.success', 'syslog.sshd.login.success'] as const;
const SKIPPED = new Set(['syslog.sshd.invalid_user']);

/** An SSH/Telnet failed login with a source. */
export function isSshFailedLogin(e: DetectionEvent): boolean {
  return e.srcIp !== null && e.outcome === 'failure' && (SSH_FAILED_LOGIN_ACTIONS as readonly string[]).includes(e.action);
}

/** Any failed authentication with a source (SSH, Telnet, Kerberos, NTLM, agents…). */
export function isFailedLogin(e: DetectionEvent): boolean {
  return e.srcIp !== null && e.outcome === 'failure' && e.category === 'authentication' && !SKIPPED.has(e.action);
}

export function isSuccessfulLogin(e: DetectionEvent): boolean {
  return e.srcIp !== null && e.outcome === 'success' && (SUCCESS_LOGIN_ACTIONS as readonly string[]).includes(e.action);
}

/** How many attempts one stored event stands for (folded syslog repeats, Zeek auth_attempts), 1 to 1000. */
export function attemptsOf(e: DetectionEvent): number {
  const n = num(e.attributes.repeated) ?? num(e.attributes.sshAuthAttempts) ?? 1;
  return Math.min(1000, Math.max(1, Math.trunc(n)));
}

/** The tried password, when the source logs it (Cowrie, Zeek ftp/http). */
export function passwordOf(e: DetectionEvent): string | null {
  return str(e.attributes.password);
}

export function userOf(e: DetectionEvent): string | null {
  return e.userName === null || e.userName === '' ? null : e.userName;
}

/** Distinct username/password pairs key, for counters. */
export function pairOf(e: DetectionEvent): string | null {
  const user = userOf(e);
  const password = passwordOf(e);
  return user === null || password === null ? null : JSON.stringify([user, password]);
}
