import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { DEFAULT_DETECTION_SETTINGS, mergeSettings, ZDetectionSettings, ZDetectionSettingsOverride } from './settings.ts';

describe('detection settings', () => {
  it('has valid defaults with the research thresholds', () => {
    expect(ZDetectionSettings.parse(DEFAULT_DETECTION_SETTINGS)).toEqual(DEFAULT_DETECTION_SETTINGS);
    expect(DEFAULT_DETECTION_SETTINGS.bruteForce).toEqual({ windowSeconds: 60, minFailures: 6, highSeverityFailures: 12 });
    expect(DEFAULT_DETECTION_SETTINGS.credentialStuffing).toMatchObject({ minUniquePairs: 20, minAttempts: 25, minUniqueRatio: 0.8 });
    expect(DEFAULT_DETECTION_SETTINGS.usernameEnumeration).toMatchObject({ minUsernames: 8, maxPasswordsPerUser: 3, minAttempts: 10 });
    expect(DEFAULT_DETECTION_SETTINGS.slowBruteForce).toMatchObject({ minAttempts: 15, minSpanSeconds: 900, maxPerMinute: 2 });
  });

  it('merges a partial override section by section without touching the defaults', () => {
    const merged = mergeSettings({ bruteForce: { minFailures: 10 }, disabledDetectors: ['zeek_notice'] });
    expect(merged.bruteForce).toEqual({ windowSeconds: 60, minFailures: 10, highSeverityFailures: 12 });
    expect(merged.disabledDetectors).toEqual(['zeek_notice']);
    expect(merged.portScan).toEqual(DEFAULT_DETECTION_SETTINGS.portScan);
    expect(DEFAULT_DETECTION_SETTINGS.bruteForce.minFailures).toBe(6);
    expect(mergeSettings()).toEqual(DEFAULT_DETECTION_SETTINGS);
    expect(mergeSettings(null)).toEqual(DEFAULT_DETECTION_SETTINGS);
  });

  it('merges onto another base (e.g. a platform-wide profile)', () => {
    const base = mergeSettings({ portScan: { minDistinctPorts: 30 } });
    expect(mergeSettings({ portScan: { windowSeconds: 60 } }, base).portScan).toEqual({ windowSeconds: 60, minDistinctPorts: 30 });
  });

  it.each([
    [{ bruteForce: { minFailures: 0 } }, ['bruteForce', 'minFailures']],
    [{ bruteForce: { windowSeconds: 1.5 } }, ['bruteForce', 'windowSeconds']],
    [{ credentialStuffing: { minUniqueRatio: 1.2 } }, ['credentialStuffing', 'minUniqueRatio']],
    [{ bruteForce: { minFailures: 20 } }, ['bruteForce', 'highSeverityFailures']],
    [{ bruteForce: { threshold: 3 } }, ['bruteForce']],
    [{ nope: {} }, []],
  ])('rejects %j', (override, path) => {
    try {
      mergeSettings(override);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ZodError);
      expect((error as ZodError).issues[0]?.path).toEqual(path);
    }
  });

  it('exposes the override schema for API validation', () => {
    expect(ZDetectionSettingsOverride.safeParse({ webAttack: { minRequests: 2 } }).success).toBe(true);
    expect(ZDetectionSettingsOverride.safeParse({ webAttack: { minRequests: '2' } }).success).toBe(false);
  });
});
