import { z } from 'zod';
import { parseAllowlistEntry } from './outbound/allowlist.ts';

const boolean = z.enum(['true', 'false']).transform((value) => value === 'true');

/** Every environment variable Vigil reads. `.env.example` is kept in sync with this schema by a test. */
export const ZConfig = z.object({
  NODE_ENV: z
    .enum(['development', 'test', 'production'])
    .default('development')
    .describe('Runtime mode; production hides error details and requires explicit secrets.'),
  PORT: z.coerce.number().int().min(0).max(65_535).default(8000).describe('HTTP port (0 picks a free one).'),
  HOST: z.string().min(1).default('127.0.0.1').describe('Interface the HTTP server binds to.'),
  DATABASE_URL: z
    .url({ protocol: /^postgres(ql)?$/ })
    .optional()
    .describe('PostgreSQL connection string. Unset: an embedded PostgreSQL is started under DATA_DIR.'),
  DATA_DIR: z.string().min(1).default('.data').describe('Folder for the embedded database and generated development secrets.'),
  API_ONLY: boolean.default(false).describe('Run only the HTTP API, without the in-process job worker.'),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4).describe('Jobs the worker runs at once.'),
  DB_POOL_MAX: z.coerce.number().int().min(2).max(200).default(10).describe('Maximum PostgreSQL connections per process.'),
  DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(30_000).describe('Statement timeout for every query, in milliseconds.'),
  DB_SLOW_QUERY_MS: z.coerce.number().int().min(1).default(500).describe('Queries slower than this are logged (SQL only, never parameters).'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info').describe('pino log level.'),
  BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(512 * 1024 * 1024)
    .default(10 * 1024 * 1024)
    .describe('Largest request body accepted, after decompression (413 beyond).'),
  CORS_ORIGINS: z.string().default('').describe('Comma-separated origins allowed to call the API with credentials; empty disables CORS.'),
  TRUST_PROXY: boolean.default(false).describe('Trust X-Forwarded-* headers (only behind a reverse proxy).'),
  OPENSEARCH_URL: z.url().optional().describe('OpenSearch endpoint; when set, search scales out to it and /readyz checks it.'),
  SEARCH_BACKEND: z
    .enum(['postgres', 'opensearch'])
    .default('postgres')
    .describe('Where KQL hunts run: postgres (complete on its own) or opensearch (needs OPENSEARCH_URL; events are indexed through an outbox).'),
  KQL_STATEMENT_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(1)
    .max(600_000)
    .default(10_000)
    .describe('Statement timeout of one KQL query on PostgreSQL, in milliseconds (QUERY_TIMEOUT beyond).'),
  KQL_JOIN_MAX_ROWS: z.coerce
    .number()
    .int()
    .min(1)
    .max(10_000_000)
    .default(100_000)
    .describe('Rows each side of a KQL join (and each in (…) subquery) may hold on PostgreSQL (RESULT_TOO_LARGE beyond).'),
  OPENSEARCH_INDEX_PREFIX: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_-]{0,40}$/, 'lower-case letters, digits, - and _ (an OpenSearch index name prefix)')
    .default('vigil-events')
    .describe('Prefix of the daily event indices (<prefix>-YYYY.MM.DD); they are deleted after EVENT_RETENTION_DAYS.'),
  OPENSEARCH_INDEX_REPLICAS: z.coerce
    .number()
    .int()
    .min(0)
    .max(5)
    .default(1)
    .describe('Replicas of each daily event index (0 on a single-node cluster keeps it green).'),
  AUTH_JWT_SECRET: z
    .string()
    .min(32)
    .optional()
    .describe('HS256 key for access/refresh JWTs (32+ characters). Required in production; in development one is generated under DATA_DIR.'),
  AUTH_OPEN_REGISTRATION: boolean.default(false).describe('Allow POST /api/auth/register to create organisations after the first one exists.'),
  AUTH_COOKIE_SECURE: boolean.default(false).describe('Mark the access_token session cookie Secure (set true behind HTTPS).'),
  AUTH_SESSION_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(60)
    .max(30 * 86_400)
    .default(8 * 3600)
    .describe('Session lifetime; extended on use once half of it has passed (sliding expiry).'),
  AUTH_LOGIN_LIMIT_PER_IP: z.coerce
    .number()
    .int()
    .min(1)
    .default(30)
    .describe('Login and registration attempts allowed per client IP per minute (429 beyond).'),
  SECRETS_ENCRYPTION_KEY: z
    .string()
    .regex(/^[A-Za-z0-9_-]{43}$/, 'must be 32 random bytes, base64url-encoded (43 characters)')
    .optional()
    .describe('Key that encrypts stored signing secrets (device HMAC keys). Required in production; generated in development.'),
  EVENT_RETENTION_DAYS: z.coerce
    .number()
    .int()
    .min(1)
    .max(3650)
    .default(30)
    .describe('Events older than this many days are dropped: whole day partitions, and archived imports by arrival time.'),
  EVENT_MAX_FUTURE_SKEW_SECONDS: z.coerce
    .number()
    .int()
    .min(0)
    .max(30 * 86_400)
    .default(86_400)
    .describe('Events stated to happen more than this many seconds after their arrival are rejected (timestamp_in_future).'),
  INGEST_LIMIT_PER_MINUTE: z.coerce
    .number()
    .int()
    .min(1)
    .default(1200)
    .describe('Ingest requests allowed per credential (agent, device, key or user) per minute (429 beyond).'),
  OUTBOUND_ALLOWLIST: z
    .string()
    .default('')
    .superRefine((text, ctx) => {
      for (const entry of text.split(',').filter((part) => part.trim() !== '')) {
        if (!parseAllowlistEntry(entry)) ctx.addIssue({ code: 'custom', message: `'${entry.trim()}' is neither a host name nor an IP address or CIDR` });
      }
    })
    .describe(
      'Comma-separated hosts (name or *.domain) and IP addresses or CIDRs that outbound requests (webhooks) may reach although private, loopback or link-local; empty allows public addresses only.',
    ),
  AUTH_LOGIN_LIMIT_PER_EMAIL: z.coerce.number().int().min(1).default(10).describe('Login attempts allowed per email and client IP per minute (429 beyond).'),
  RESPONSE_NFTABLES_LOCAL: boolean
    .default(false)
    .describe(
      "Let organisations' admins add `nftables` enforcement points that run nft on the Vigil host itself (one host for every tenant: an operator's decision).",
    ),
  RESPONSE_NEVER_BLOCK: z
    .string()
    .default('')
    .describe('Comma-separated addresses and CIDRs no response action may ever block, for every organisation (besides loopback and the Vigil host).'),
});

export type Config = Readonly<z.infer<typeof ZConfig>>;
export type Env = Readonly<Record<string, string | undefined>>;

export class ConfigError extends Error {
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

/** Parses the environment once; throws a ConfigError listing every problem. */
export function loadConfig(env: Env = readProcessEnv()): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = ZConfig.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`));
  }
  if (parsed.data.SEARCH_BACKEND === 'opensearch' && !parsed.data.OPENSEARCH_URL) {
    throw new ConfigError(['SEARCH_BACKEND: opensearch needs OPENSEARCH_URL (the cluster to index events into and query)']);
  }
  return Object.freeze(parsed.data);
}

export function configKeys(): string[] {
  return Object.keys(ZConfig.shape);
}

function readProcessEnv(): Env {
  return process.env;
}
