import type { Rng } from './prng.ts';

export const SCENARIOS = ['brute_force', 'credential_stuffing', 'port_scan', 'web_attack', 'benign'] as const;
export type Scenario = (typeof SCENARIOS)[number];

/** Which telemetry parser a generated record is meant for. */
export type SyntheticSource = 'cowrie' | 'suricata' | 'zeek';
export type SyntheticRecord = { source: SyntheticSource; record: Record<string, unknown> };

export type ScenarioOptions = {
  seed: number;
  /** Time of the first record; every other record is offset from it. */
  startTime: Date;
  /** Size of the attack (attempts, ports, requests); each scenario has a default. */
  count?: number | undefined;
  srcIp?: string | undefined;
};

export type ScenarioInput = { rng: Rng; start: number; count: number | undefined; srcIp: string };
export type ScenarioOutput = { srcIp: string; records: SyntheticRecord[] };
