import { afterAll, beforeAll } from 'vitest';
import { createFileDatabase, dropFileDatabase } from './test-db.ts';

beforeAll(async () => {
  await createFileDatabase();
});

afterAll(async () => {
  await dropFileDatabase();
});
