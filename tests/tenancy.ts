import { expect } from 'vitest';
import type { Deps } from '../server/deps.ts';
import { createTestOrg, type TestOrg } from './fixtures/identity.ts';

/** Two organisations, A and B: every cross-tenant test seeds in A and calls as B. */
export async function createTwoOrgs(deps: Deps): Promise<{ a: TestOrg; b: TestOrg }> {
  const [a, b] = await Promise.all([createTestOrg(deps), createTestOrg(deps)]);
  return { a, b };
}

const MISSING_ID = 987_654_321;

/** The caller's answer for another organisation's object is the 404 of a missing one, word for word (ids aside). */
export async function expectHidden(call: (id: number) => Promise<{ status: number; body: { detail: string } }>, theirId: number): Promise<void> {
  const theirs = await call(theirId);
  const none = await call(MISSING_ID);
  expect(theirs.status).toBe(404);
  expect(theirs.body.detail.replace(String(theirId), 'ID')).toBe(none.body.detail.replace(String(MISSING_ID), 'ID'));
}
