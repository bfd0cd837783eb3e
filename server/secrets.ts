import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type Config, ConfigError } from './config.ts';
import type { Logger } from './logger.ts';

export type Secrets = { jwtKey: Uint8Array };

type StoredSecrets = { AUTH_JWT_SECRET: string };

/**
 * Secrets come from the environment. Outside production, a missing one is generated once and kept in
 * DATA_DIR/secrets.json (said in the log), so a first `npm start` needs no set-up.
 */
export function resolveSecrets(config: Config, logger: Logger): Secrets {
  if (config.AUTH_JWT_SECRET) return { jwtKey: new TextEncoder().encode(config.AUTH_JWT_SECRET) };
  if (config.NODE_ENV === 'production') throw new ConfigError(['AUTH_JWT_SECRET: required in production']);
  const file = join(resolve(config.DATA_DIR), 'secrets.json');
  if (!existsSync(file)) {
    mkdirSync(resolve(config.DATA_DIR), { recursive: true });
    const generated: StoredSecrets = { AUTH_JWT_SECRET: randomBytes(48).toString('base64url') };
    writeFileSync(file, JSON.stringify(generated, null, 2), { mode: 0o600 });
    logger.warn({ file }, 'AUTH_JWT_SECRET is not set: generated a development secret (set it explicitly in production)');
  }
  const stored = JSON.parse(readFileSync(file, 'utf8')) as StoredSecrets;
  return { jwtKey: new TextEncoder().encode(stored.AUTH_JWT_SECRET) };
}
