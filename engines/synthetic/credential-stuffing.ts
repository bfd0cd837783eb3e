import { cowrieSession } from './cowrie-session.ts';
import type { ScenarioInput, SyntheticRecord } from './types.ts';
import { SSH_PASSWORDS, SSH_USERNAMES } from './wordlists.ts';

/**
 * Credential stuffing: one connection per leaked pair, every pair distinct (usernames × passwords in a
 * seeded order, numbered once the 600 combinations run out), a few seconds apart; about a third of the
 * seeds end with one pair that works.
 */
export function credentialStuffing({ rng, start, count, srcIp }: ScenarioInput): SyntheticRecord[] {
  const attempts = count ?? 30;
  const combinations = SSH_USERNAMES.length * SSH_PASSWORDS.length;
  const order = rng.shuffle(Array.from({ length: combinations }, (_, index) => index));
  const succeeds = rng.chance(0.3);
  const records: SyntheticRecord[] = [];
  let at = start;
  for (let attempt = 0; attempt < attempts; attempt++) {
    const combination = order[attempt % combinations] ?? 0;
    const round = Math.floor(attempt / combinations);
    const username = SSH_USERNAMES[combination % SSH_USERNAMES.length] ?? 'root';
    const password = `${SSH_PASSWORDS[Math.floor(combination / SSH_USERNAMES.length)] ?? '123456'}${round > 0 ? round : ''}`;
    const session = cowrieSession(rng, srcIp, at);
    session.login(at + rng.int(200, 900), username, password, succeeds && attempt === attempts - 1);
    session.close(at + rng.int(1_000, 1_500));
    records.push(...session.records);
    at += rng.int(1_500, 4_000);
  }
  return records;
}
