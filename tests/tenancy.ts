import type { Deps } from '../server/deps.ts';
import { createTestOrg, type TestOrg } from './fixtures/identity.ts';

/** Two organisations, A and B: every cross-tenant test seeds in A and calls as B. */
export async function createTwoOrgs(deps: Deps): Promise<{ a: TestOrg; b: TestOrg }> {
  const [a, b] = await Promise.all([createTestOrg(deps), createTestOrg(deps)]);
  return { a, b };
}
