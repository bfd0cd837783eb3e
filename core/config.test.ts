import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError, configKeys, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('applies documented defaults to an empty environment', () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(8000);
    expect(config.HOST).toBe('127.0.0.1');
    expect(config.API_ONLY).toBe(false);
    expect(config.DATABASE_URL).toBeUndefined();
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('lists every problem at once, naming each variable', () => {
    const attempt = () => loadConfig({ PORT: 'eighty', API_ONLY: 'yes', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (error) {
      const problems = (error as ConfigError).problems;
      expect(problems).toHaveLength(4);
      for (const name of ['PORT', 'API_ONLY', 'DATABASE_URL', 'LOG_LEVEL']) {
        expect(problems.some((problem) => problem.startsWith(`${name}:`))).toBe(true);
      }
      expect((error as Error).message).toContain('Invalid configuration');
    }
  });

  it('treats empty strings as unset, as .env files write them', () => {
    expect(loadConfig({ DATABASE_URL: '', PORT: '' }).PORT).toBe(8000);
  });

  it('parses booleans only from true/false', () => {
    expect(loadConfig({ API_ONLY: 'true' }).API_ONLY).toBe(true);
    expect(() => loadConfig({ API_ONLY: '1' })).toThrow(/API_ONLY/);
  });
});

describe('.env.example', () => {
  it('documents exactly the variables the schema reads', () => {
    const text = readFileSync(new URL('../.env.example', import.meta.url), 'utf8');
    const documented = text
      .split('\n')
      .filter((line) => /^[A-Z_]+=/.test(line))
      .map((line) => line.split('=')[0]);
    expect(documented.sort()).toEqual(configKeys().sort());
  });
});
