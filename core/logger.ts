import { type Logger, pino } from 'pino';
import type { Config } from './config.ts';

export type { Logger };

export type RequestLogBindings = { requestId: string; orgId?: string; actorId?: string; actorType?: string };
export type JobLogBindings = { jobId: string; task: string; attempt: number; orgId?: string };

const SECRET_FIELDS = ['password', 'newPassword', 'new_password', 'token', 'apiKey', 'api_key', 'secret', 'privateKey', 'refresh_token', 'access_token'];

export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'req.headers["x-agent-key"]',
  'req.headers["x-agent-token"]',
  'req.headers["x-signature"]',
  'res.headers["set-cookie"]',
  ...SECRET_FIELDS.flatMap((field) => [field, `*.${field}`, `*.*.${field}`]),
];

export function createLogger(config: Pick<Config, 'LOG_LEVEL'>): Logger {
  return pino({
    level: config.LOG_LEVEL,
    base: { service: 'vigil' },
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
  });
}
