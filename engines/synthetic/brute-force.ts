import { cowrieSession } from './cowrie-session.ts';
import type { ScenarioInput, SyntheticRecord } from './types.ts';
import { POST_LOGIN_COMMANDS, SSH_PASSWORDS, SSH_USERNAMES } from './wordlists.ts';

const MIN_FAILURES = 6;
const ATTEMPTS_PER_SESSION = 3;
/** Every failure lands inside this span, so a 6-in-60-s rule fires whatever the count. */
const FAILURE_SPAN_MS = 50_000;

/**
 * SSH brute force against one account: at least 6 failed logins from one IP within 60 s, three per
 * connection; then, for about half the seeds, a successful login followed by a few commands.
 */
export function bruteForce({ rng, start, count, srcIp }: ScenarioInput): SyntheticRecord[] {
  const failures = Math.max(MIN_FAILURES, count ?? 8);
  const step = FAILURE_SPAN_MS / failures;
  const username = rng.chance(0.7) ? 'root' : rng.pick(SSH_USERNAMES);
  const passwords = rng.shuffle(SSH_PASSWORDS);
  const sessions: ReturnType<typeof cowrieSession>[] = [];
  let session: ReturnType<typeof cowrieSession> | null = null;
  for (let attempt = 0; attempt < failures; attempt++) {
    const at = start + Math.floor(attempt * step);
    if (attempt % ATTEMPTS_PER_SESSION === 0) {
      session?.close(at - 1);
      session = cowrieSession(rng, srcIp, at);
      sessions.push(session);
    }
    session?.login(at + rng.int(1, Math.max(1, Math.floor(step / 2))), username, passwords[attempt % passwords.length] ?? '123456', false);
  }
  const end = start + FAILURE_SPAN_MS;
  session?.close(end);
  const records = sessions.flatMap((each) => each.records);
  return rng.chance(0.5) ? [...records, ...compromise(rng, srcIp, end + 2_000, username)] : records;
}

function compromise(rng: ScenarioInput['rng'], srcIp: string, at: number, username: string): SyntheticRecord[] {
  const session = cowrieSession(rng, srcIp, at);
  session.login(at + 300, username, rng.pick(SSH_PASSWORDS), true);
  const commands = rng.int(2, 4);
  for (let i = 0; i < commands; i++) session.command(at + 2_000 + i * rng.int(1_000, 3_000), POST_LOGIN_COMMANDS[i] ?? 'whoami');
  session.close(at + 15_000);
  return session.records;
}
