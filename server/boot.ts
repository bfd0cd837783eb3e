import { type Config, ConfigError, loadConfig } from '../core/config.ts';

/** For entry points: the parsed config (environment, then overrides), or every problem printed and exit code 1. */
export function loadConfigOrExit(overrides: Record<string, string> = {}): Config {
  try {
    return loadConfig({ ...process.env, ...overrides });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}

export function exitOnStartupFailure(what: string) {
  return (error: unknown): never => {
    process.stderr.write(`${what} failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  };
}
