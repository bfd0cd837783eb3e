import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { dropDatabase, recreateDatabase } from '../../db/admin.ts';

let current: { name: string; url: string } | undefined;

/** Each test file gets its own database, cloned from the migrated template (names end in _test). */
export async function createFileDatabase(): Promise<string> {
  const name = `vigil_${randomBytes(5).toString('hex')}_test`;
  const url = await recreateDatabase(inject('adminUrl'), name, inject('templateDatabase'));
  current = { name, url };
  return url;
}

export async function dropFileDatabase(): Promise<void> {
  if (!current) return;
  await dropDatabase(inject('adminUrl'), current.name);
  current = undefined;
}

export function fileDatabaseUrl(): string {
  if (!current) throw new Error('The test database is created in tests/setup/worker-setup.ts; is this an integration test?');
  return current.url;
}
