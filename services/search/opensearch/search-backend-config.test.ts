import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../core/config.ts';
import { openSearchSettings } from './client.ts';

describe('SEARCH_BACKEND', () => {
  it('defaults to PostgreSQL, with no OpenSearch settings', () => {
    const config = loadConfig({});
    expect(config.SEARCH_BACKEND).toBe('postgres');
    expect(openSearchSettings(config)).toBeNull();
  });

  it('refuses to boot with opensearch but no OPENSEARCH_URL, saying why', () => {
    expect(() => loadConfig({ SEARCH_BACKEND: 'opensearch' })).toThrow(ConfigError);
    expect(() => loadConfig({ SEARCH_BACKEND: 'opensearch' })).toThrow(/SEARCH_BACKEND: opensearch needs OPENSEARCH_URL/);
  });

  it('reads the index prefix, replicas and the event retention', () => {
    const config = loadConfig({
      SEARCH_BACKEND: 'opensearch',
      OPENSEARCH_URL: 'http://127.0.0.1:9200',
      OPENSEARCH_INDEX_PREFIX: 'acme-events',
      EVENT_RETENTION_DAYS: '7',
    });
    expect(openSearchSettings(config)).toEqual({ url: 'http://127.0.0.1:9200', prefix: 'acme-events', replicas: 1, retentionDays: 7 });
    expect(() => loadConfig({ OPENSEARCH_INDEX_PREFIX: 'Bad Prefix' })).toThrow(/OPENSEARCH_INDEX_PREFIX/);
  });
});
