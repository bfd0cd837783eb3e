import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runMigrations as runWorkerMigrations } from 'graphile-worker';
import type { Kysely } from 'kysely';
import { FileMigrationProvider, type MigrationResultSet, Migrator } from 'kysely/migration';
import type pg from 'pg';

export const MIGRATION_FOLDER = fileURLToPath(new URL('../migrations', import.meta.url));

export function createMigrator(db: Kysely<any>): Migrator {
  return new Migrator({ db, provider: new FileMigrationProvider({ fs, path, migrationFolder: MIGRATION_FOLDER }) });
}

/** The app's migrations, then graphile-worker's. Throws with the failing migration's name. */
export async function migrateToLatest(db: Kysely<any>, pool: pg.Pool): Promise<string[]> {
  const applied = assertMigrated(await createMigrator(db).migrateToLatest());
  await runWorkerMigrations({ pgPool: pool });
  return applied;
}

function assertMigrated({ error, results }: MigrationResultSet): string[] {
  const failed = results?.find((result) => result.status === 'Error');
  if (error) {
    throw new Error(`Migration ${failed?.migrationName ?? ''} failed`, { cause: error });
  }
  return (results ?? []).filter((result) => result.status === 'Success').map((result) => result.migrationName);
}

/** Names of migrations present on disk but not yet applied. */
export async function pendingMigrations(db: Kysely<any>): Promise<string[]> {
  const migrations = await createMigrator(db).getMigrations();
  return migrations.filter((migration) => !migration.executedAt).map((migration) => migration.name);
}
