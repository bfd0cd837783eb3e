import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Config } from '../core/config.ts';
import type { Logger } from '../core/logger.ts';
import type { DB } from './schema.generated.ts';

// int8 (counts, bigserial ids) as JS numbers: every value we store fits in 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

export type DbSettings = Pick<Config, 'DB_POOL_MAX' | 'DB_STATEMENT_TIMEOUT_MS' | 'DB_SLOW_QUERY_MS'>;

export function createPool(url: string, settings: DbSettings, logger: Logger, applicationName = 'vigil'): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max: settings.DB_POOL_MAX,
    statement_timeout: settings.DB_STATEMENT_TIMEOUT_MS,
    application_name: applicationName,
    connectionTimeoutMillis: 10_000,
  });
  pool.on('error', (error) => logger.warn({ err: error }, 'idle database connection failed'));
  pool.on('connect', (client) => client.on('error', (error) => logger.warn({ err: error }, 'database connection failed')));
  return pool;
}

/**
 * Connections for KQL queries: every session read-only, in UTC, with the KQL statement timeout, so a compiled query
 * runs in one round trip instead of a transaction that sets them (the statement itself carries the organisation).
 */
export function createSearchPool(url: string, config: Pick<Config, 'DB_POOL_MAX' | 'KQL_STATEMENT_TIMEOUT_MS'>, logger: Logger): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max: Math.max(2, Math.min(4, config.DB_POOL_MAX)),
    statement_timeout: config.KQL_STATEMENT_TIMEOUT_MS,
    options: '-c default_transaction_read_only=on -c TimeZone=UTC',
    application_name: 'vigil-search',
    connectionTimeoutMillis: 10_000,
  });
  pool.on('error', (error) => logger.warn({ err: error }, 'idle search connection failed'));
  pool.on('connect', (client) => client.on('error', (error) => logger.warn({ err: error }, 'search connection failed')));
  return pool;
}

export function createDb(pool: pg.Pool, settings: DbSettings, logger: Logger): Kysely<DB> {
  return new Kysely<DB>({
    dialect: new PostgresDialect({ pool }),
    log(event) {
      if (event.level === 'error') {
        logger.debug({ sql: event.query.sql, durationMs: Math.round(event.queryDurationMillis) }, 'query failed');
      } else if (event.queryDurationMillis >= settings.DB_SLOW_QUERY_MS) {
        logger.warn({ sql: event.query.sql, durationMs: Math.round(event.queryDurationMillis) }, 'slow query');
      }
    },
  });
}
