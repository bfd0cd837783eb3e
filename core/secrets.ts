import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type Config, ConfigError } from './config.ts';
import type { Logger } from './logger.ts';

export type Secrets = {
  jwtKey: Uint8Array;
  /** 32 bytes for AES-256-GCM encryption of stored signing secrets. */
  encryptionKey: Uint8Array;
};

type StoredSecrets = { AUTH_JWT_SECRET?: string; SECRETS_ENCRYPTION_KEY?: string };

/**
 * Secrets come from the environment. Outside production, a missing one is generated once and kept in
 * DATA_DIR/secrets.json (said in the log), so a first `npm start` needs no set-up.
 */
export function resolveSecrets(config: Config, logger: Logger): Secrets {
  const missing = [...(config.AUTH_JWT_SECRET ? [] : ['AUTH_JWT_SECRET']), ...(config.SECRETS_ENCRYPTION_KEY ? [] : ['SECRETS_ENCRYPTION_KEY'])];
  if (missing.length > 0 && config.NODE_ENV === 'production') throw new ConfigError(missing.map((name) => `${name}: required in production`));
  const stored = missing.length > 0 ? loadOrGenerate(config, logger, missing) : {};
  const jwtSecret = config.AUTH_JWT_SECRET ?? stored.AUTH_JWT_SECRET ?? '';
  const encryptionKey = config.SECRETS_ENCRYPTION_KEY ?? stored.SECRETS_ENCRYPTION_KEY ?? '';
  return { jwtKey: new TextEncoder().encode(jwtSecret), encryptionKey: new Uint8Array(Buffer.from(encryptionKey, 'base64url')) };
}

function loadOrGenerate(config: Config, logger: Logger, missing: string[]): StoredSecrets {
  const file = join(resolve(config.DATA_DIR), 'secrets.json');
  const stored: StoredSecrets = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as StoredSecrets) : {};
  const generated: string[] = [];
  if (!stored.AUTH_JWT_SECRET) {
    stored.AUTH_JWT_SECRET = randomBytes(48).toString('base64url');
    generated.push('AUTH_JWT_SECRET');
  }
  if (!stored.SECRETS_ENCRYPTION_KEY) {
    stored.SECRETS_ENCRYPTION_KEY = randomBytes(32).toString('base64url');
    generated.push('SECRETS_ENCRYPTION_KEY');
  }
  if (generated.length > 0) {
    mkdirSync(resolve(config.DATA_DIR), { recursive: true });
    writeFileSync(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
  }
  logger.warn(
    { file, missing, generated },
    'secrets not set in the environment: using development secrets kept in DATA_DIR (set them explicitly in production)',
  );
  return stored;
}
