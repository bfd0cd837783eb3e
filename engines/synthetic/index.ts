import { benign } from './benign.ts';
import { bruteForce } from './brute-force.ts';
import { credentialStuffing } from './credential-stuffing.ts';
import { attackerIp, internalIp } from './format.ts';
import { portScan } from './port-scan.ts';
import { createRng } from './prng.ts';
import type { Scenario, ScenarioInput, ScenarioOptions, ScenarioOutput, SyntheticRecord } from './types.ts';
import { webAttack } from './web-attack.ts';

export { createRng, type Rng } from './prng.ts';
export { SCENARIOS, type Scenario, type ScenarioOptions, type ScenarioOutput, type SyntheticRecord, type SyntheticSource } from './types.ts';

const GENERATORS: Readonly<Record<Scenario, (input: ScenarioInput) => SyntheticRecord[]>> = {
  brute_force: bruteForce,
  credential_stuffing: credentialStuffing,
  port_scan: portScan,
  web_attack: webAttack,
  benign,
};

/**
 * Generates a scenario's records. Deterministic: the same scenario, seed, start time, count and source
 * address always give the same records, so ingesting them twice deduplicates. Attackers default to a
 * TEST-NET-3 address and the benign workstation to 10.20.30.0/24, both drawn from the seed.
 */
export function generateScenario(scenario: Scenario, options: ScenarioOptions): ScenarioOutput {
  const rng = createRng(options.seed);
  const srcIp = options.srcIp ?? (scenario === 'benign' ? internalIp(rng) : attackerIp(rng));
  return { srcIp, records: GENERATORS[scenario]({ rng, start: options.startTime.getTime(), count: options.count, srcIp }) };
}
