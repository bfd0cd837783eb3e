import { unsafeMintOrgId } from '../core/database.ts';
import { createLogger } from '../core/logger.ts';
import { createDb, createPool } from '../db/client.ts';
import { resolveDatabase } from '../db/database.ts';
import { migrateToLatest } from '../db/migrator.ts';
import { insertOrg, slugTaken } from '../db/repos/orgs.repo.ts';
import { insertUser } from '../db/repos/users.repo.ts';
import { exitOnStartupFailure, loadConfigOrExit } from '../server/boot.ts';
import { generateTemporaryPassword, hashPassword } from '../services/identity/index.ts';

const DEMO_SLUG = 'demo';
const DEMO_EMAIL = 'admin@demo.vigil.local';

/** `npm run seed:demo`: a demo organisation and admin, with the password printed once. */
async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const logger = createLogger({ LOG_LEVEL: 'warn' });
  const database = await resolveDatabase(config, logger);
  const pool = createPool(database.url, config, logger, 'vigil-seed');
  const db = createDb(pool, config, logger);
  try {
    await migrateToLatest(db, pool);
    if (await slugTaken(db, DEMO_SLUG)) {
      process.stdout.write(`The demo organisation already exists (admin: ${DEMO_EMAIL}); its password was printed when it was created.\n`);
      return;
    }
    const password = generateTemporaryPassword();
    const passwordHash = await hashPassword(password);
    await db.transaction().execute(async (trx) => {
      const org = await insertOrg(trx, { name: 'Demo SOC', slug: DEMO_SLUG });
      await insertUser(trx, unsafeMintOrgId(org.id), { email: DEMO_EMAIL, full_name: 'Demo Admin', role: 'admin', password_hash: passwordHash });
    });
    process.stdout.write(`Demo organisation 'demo' created.\n  email:    ${DEMO_EMAIL}\n  password: ${password}\n(shown once: keep it)\n`);
  } finally {
    await db.destroy();
    await database.stop();
  }
}

main().catch(exitOnStartupFailure('Seeding'));
