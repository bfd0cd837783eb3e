import { describe, expect, it } from 'vitest';
import { parseRecord } from '../telemetry/index.ts';
import { createRng, generateScenario, SCENARIOS } from './index.ts';

const startTime = new Date('2026-11-24T10:00:00Z');
const fields = (records: { record: Record<string, unknown> }[], key: string) => records.map(({ record }) => record[key]);

describe('createRng', () => {
  it('repeats its sequence for a seed and differs between seeds', () => {
    const draw = (seed: number) => Array.from({ length: 5 }, createRng(seed).next);
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
    expect(draw(7).every((value) => value >= 0 && value < 1)).toBe(true);
  });
});

describe('generateScenario', () => {
  it.each(SCENARIOS)('%s is deterministic for a seed and start time, and every record parses', (scenario) => {
    const first = generateScenario(scenario, { seed: 1234, startTime });
    expect(generateScenario(scenario, { seed: 1234, startTime })).toEqual(first);
    expect(generateScenario(scenario, { seed: 1235, startTime })).not.toEqual(first);
    expect(generateScenario(scenario, { seed: 1234, startTime: new Date(startTime.getTime() + 1000) })).not.toEqual(first);
    for (const { source, record } of first.records) {
      const parsed = parseRecord(source, record, { receivedAt: startTime });
      expect(parsed.ok, JSON.stringify(record)).toBe(true);
      if (parsed.ok) expect(parsed.event.occurredAt.getTime()).toBeGreaterThanOrEqual(startTime.getTime());
    }
    const keys = first.records.map(({ source, record }) => {
      const parsed = parseRecord(source, record, { receivedAt: startTime });
      return parsed.ok ? parsed.event.dedupKey : 'rejected';
    });
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('brute_force: at least six failed SSH logins from one address within 60 s, however small the count', () => {
    for (const seed of [1, 2, 3, 4]) {
      const { srcIp, records } = generateScenario('brute_force', { seed, startTime, count: 2 });
      const failures = records.filter(({ record }) => record.eventid === 'cowrie.login.failed');
      expect(failures.length).toBeGreaterThanOrEqual(6);
      expect(new Set(fields(failures, 'src_ip'))).toEqual(new Set([srcIp]));
      const times = fields(failures, 'timestamp').map((time) => Date.parse(String(time)));
      expect(Math.max(...times) - Math.min(...times)).toBeLessThan(60_000);
    }
  });

  it('brute_force: some seeds end in a login and commands', () => {
    const compromised = [1, 2, 3, 4, 5, 6, 7, 8].filter((seed) =>
      generateScenario('brute_force', { seed, startTime }).records.some(({ record }) => record.eventid === 'cowrie.command.input'),
    );
    expect(compromised.length).toBeGreaterThan(0);
    expect(compromised.length).toBeLessThan(8);
  });

  it('credential_stuffing: every username/password pair is distinct', () => {
    const { records } = generateScenario('credential_stuffing', { seed: 9, startTime, count: 650 });
    const attempts = records.filter(({ record }) => String(record.eventid).startsWith('cowrie.login.'));
    expect(attempts).toHaveLength(650);
    expect(new Set(attempts.map(({ record }) => `${record.username}/${record.password}`)).size).toBe(650);
  });

  it('port_scan: one source, one target, as many distinct ports as asked', () => {
    const { records } = generateScenario('port_scan', { seed: 5, startTime, count: 200, srcIp: '198.51.100.77' });
    expect(records).toHaveLength(200);
    expect(new Set(fields(records, 'id.resp_p')).size).toBe(200);
    expect(new Set(fields(records, 'id.orig_h'))).toEqual(new Set(['198.51.100.77']));
  });

  it('web_attack: SQL injection, XSS and traversal payloads in the URLs', () => {
    const { records } = generateScenario('web_attack', { seed: 11, startTime, count: 9 });
    const urls = records.map(({ record }) => decodeURIComponent(String((record.http as { url: string }).url)));
    expect(urls.some((url) => /UNION SELECT|' OR |DROP TABLE/.test(url))).toBe(true);
    expect(urls.some((url) => /<script|onerror=|onload=/.test(url))).toBe(true);
    expect(urls.some((url) => url.includes('../') || url.includes('....//'))).toBe(true);
  });

  it('benign: internal source, no attack payloads, no honeypot logins', () => {
    const { srcIp, records } = generateScenario('benign', { seed: 3, startTime });
    expect(srcIp).toMatch(/^10\.20\.30\./);
    expect(JSON.stringify(records)).not.toMatch(/<script|UNION|etc\/passwd|cowrie/);
  });
});
