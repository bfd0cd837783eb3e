import type { Rng } from './prng.ts';

/** Cowrie's `%Y-%m-%dT%H:%M:%S.%fZ`; the microseconds below the millisecond come from the generator. */
export function cowrieTime(ms: number, rng: Rng): string {
  return `${new Date(ms).toISOString().slice(0, 23)}${String(rng.int(0, 999)).padStart(3, '0')}Z`;
}

/** Suricata EVE's `2026-11-24T10:00:00.123456+0000`. */
export function suricataTime(ms: number, rng: Rng): string {
  return `${new Date(ms).toISOString().slice(0, 23)}${String(rng.int(0, 999)).padStart(3, '0')}+0000`;
}

/** Zeek JSON `ts`: epoch seconds with microseconds. */
export function zeekTime(ms: number, rng: Rng): number {
  return Number(((ms * 1000 + rng.int(0, 999)) / 1_000_000).toFixed(6));
}

/** Zeek connection uids: `C` and 17 base62 characters. */
export function zeekUid(rng: Rng): string {
  return `C${rng.alnum(17)}`;
}

export function ephemeralPort(rng: Rng): number {
  return rng.int(32768, 60999);
}

/** An address in TEST-NET-3 (RFC 5737), so generated attackers never collide with real ones. */
export function attackerIp(rng: Rng): string {
  return `203.0.113.${rng.int(1, 254)}`;
}

export function internalIp(rng: Rng): string {
  return `10.20.30.${rng.int(2, 254)}`;
}
