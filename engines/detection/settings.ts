import { z } from 'zod';

/**
 * Detection thresholds. DEFAULT_DETECTION_SETTINGS documents every default; an organisation overrides any subset
 * with `mergeSettings(override)` (validated by ZDetectionSettingsOverride, unknown keys rejected).
 * Windows are in seconds and slide over event time (occurredAt), never over the evaluation clock.
 */

const seconds = z
  .number()
  .int()
  .min(1)
  .max(30 * 86_400);
const count = z.number().int().min(1).max(1_000_000);
const ratio = z.number().min(0).max(1);
const perMinute = z.number().positive().max(1_000_000);

const SECTIONS = {
  disabledDetectors: z.array(z.string().min(1).max(100)).max(100),
  bruteForce: z.strictObject({ windowSeconds: seconds, minFailures: count, highSeverityFailures: count }),
  passwordSpray: z.strictObject({ windowSeconds: seconds, minUsernames: count, maxPasswords: count, minUsernamesPerPassword: count }),
  credentialStuffing: z.strictObject({ windowSeconds: seconds, minUniquePairs: count, minAttempts: count, minUniqueRatio: ratio, minUsernames: count }),
  usernameEnumeration: z.strictObject({ windowSeconds: seconds, minUsernames: count, maxPasswordsPerUser: count, minAttempts: count }),
  slowBruteForce: z.strictObject({ lookbackSeconds: seconds, maxGapSeconds: seconds, minAttempts: count, minSpanSeconds: seconds, maxPerMinute: perMinute }),
  portScan: z.strictObject({ windowSeconds: seconds, minDistinctPorts: count }),
  hostScan: z.strictObject({ windowSeconds: seconds, minDistinctHosts: count }),
  webAttack: z.strictObject({ gapSeconds: seconds, minRequests: count }),
  requestFlood: z.strictObject({ windowSeconds: seconds, minRequests: count, criticalRequests: count, minConcentration: ratio }),
  malware: z.strictObject({ gapSeconds: seconds }),
  commandPatterns: z.strictObject({ gapSeconds: seconds }),
  suricata: z.strictObject({ gapSeconds: seconds, minEventSeverity: z.number().int().min(0).max(4) }),
  zeekNotice: z.strictObject({ gapSeconds: seconds, ignoredNotes: z.array(z.string().min(1).max(200)).max(500) }),
};

/** The complete settings, with cross-field rules (e.g. the high-severity count is not below the firing count). */
export const ZDetectionSettings = z.strictObject(SECTIONS).superRefine((s, ctx) => {
  const rule = (ok: boolean, path: string[], message: string) => {
    if (!ok) ctx.addIssue({ code: 'custom', path, message });
  };
  rule(s.bruteForce.highSeverityFailures >= s.bruteForce.minFailures, ['bruteForce', 'highSeverityFailures'], 'must be ≥ minFailures');
  rule(s.requestFlood.criticalRequests >= s.requestFlood.minRequests, ['requestFlood', 'criticalRequests'], 'must be ≥ minRequests');
  rule(s.credentialStuffing.minAttempts >= s.credentialStuffing.minUniquePairs, ['credentialStuffing', 'minAttempts'], 'must be ≥ minUniquePairs');
  rule(s.slowBruteForce.lookbackSeconds >= s.slowBruteForce.minSpanSeconds, ['slowBruteForce', 'lookbackSeconds'], 'must be ≥ minSpanSeconds');
});
export type DetectionSettings = z.infer<typeof ZDetectionSettings>;

/** A per-organisation override: any subset of sections, and any subset of keys inside a section. */
export const ZDetectionSettingsOverride = z.strictObject({
  disabledDetectors: SECTIONS.disabledDetectors.optional(),
  bruteForce: SECTIONS.bruteForce.partial().optional(),
  passwordSpray: SECTIONS.passwordSpray.partial().optional(),
  credentialStuffing: SECTIONS.credentialStuffing.partial().optional(),
  usernameEnumeration: SECTIONS.usernameEnumeration.partial().optional(),
  slowBruteForce: SECTIONS.slowBruteForce.partial().optional(),
  portScan: SECTIONS.portScan.partial().optional(),
  hostScan: SECTIONS.hostScan.partial().optional(),
  webAttack: SECTIONS.webAttack.partial().optional(),
  requestFlood: SECTIONS.requestFlood.partial().optional(),
  malware: SECTIONS.malware.partial().optional(),
  commandPatterns: SECTIONS.commandPatterns.partial().optional(),
  suricata: SECTIONS.suricata.partial().optional(),
  zeekNotice: SECTIONS.zeekNotice.partial().optional(),
});
export type DetectionSettingsOverride = z.input<typeof ZDetectionSettingsOverride>;

export const DEFAULT_DETECTION_SETTINGS: DetectionSettings = {
  // detector ids switched off for the organisation (see index.ts DETECTORS)
  disabledDetectors: [],
  bruteForce: {
    windowSeconds: 60, // sliding window for failed SSH/Telnet logins from one IP (Mini-XDR fail_window_seconds)
    minFailures: 6, // fires at ≥ 6 failures inside the window (Mini-XDR fail_threshold)
    highSeverityFailures: 12, // ≥ 12 failures in one window (2 × threshold) → high instead of medium
  },
  passwordSpray: {
    windowSeconds: 1800, // 30 min, as Mini-XDR's correlation window
    minUsernames: 10, // ≥ 10 distinct usernames covered by the spray passwords
    maxPasswords: 3, // "the same few passwords": the 3 passwords tried against the most usernames
    minUsernamesPerPassword: 3, // a password counts as sprayed only if tried against ≥ 3 usernames
  },
  credentialStuffing: {
    windowSeconds: 1800, // 30 min
    minUniquePairs: 20, // ≥ 20 distinct username/password pairs (Mini-XDR declared threshold)
    minAttempts: 25, // ≥ 25 failed attempts
    minUniqueRatio: 0.8, // unique pairs / attempts ≥ 0.8 (a combo list, not a retry loop)
    minUsernames: 10, // ≥ 10 distinct usernames: one account with many passwords is brute force, not stuffing
  },
  usernameEnumeration: {
    windowSeconds: 1800, // 30 min
    minUsernames: 8, // ≥ 8 usernames …
    maxPasswordsPerUser: 3, // … each tried with ≤ 3 distinct passwords
    minAttempts: 10, // and ≥ 10 failed attempts in the window
  },
  slowBruteForce: {
    lookbackSeconds: 21_600, // 6 h of failures are considered
    maxGapSeconds: 3600, // failures closer than 1 h to each other form one campaign
    minAttempts: 15, // ≥ 15 failures in the campaign
    minSpanSeconds: 900, // spread over ≥ 15 min
    maxPerMinute: 2, // at an average ≤ 2 per minute, and never a fast burst (bruteForce threshold not reached)
  },
  portScan: {
    windowSeconds: 300, // 5 min (Zeek scan.zeek default interval)
    minDistinctPorts: 15, // ≥ 15 distinct ports on one destination host (Zeek port_scan_threshold)
  },
  hostScan: {
    windowSeconds: 300, // 5 min
    minDistinctHosts: 25, // ≥ 25 hosts on one port, connections not established (Zeek addr_scan_threshold)
  },
  webAttack: {
    gapSeconds: 3600, // requests of one class closer than 1 h form one detection
    minRequests: 1, // the patterns are precise: one matching request is enough
  },
  requestFlood: {
    windowSeconds: 60, // sliding 1 min
    minRequests: 150, // ≥ 150 HTTP requests in 60 s (2.5/s, Mini-XDR DDoS rate)
    criticalRequests: 300, // ≥ 300 in 60 s (5/s) → critical instead of high
    minConcentration: 0.6, // ≥ 60 % of them to one destination ip:port
  },
  malware: {
    gapSeconds: 21_600, // downloads of the same file by one source closer than 6 h form one detection
  },
  commandPatterns: {
    gapSeconds: 3600, // crypto-mining / exfiltration / ransomware commands closer than 1 h form one detection
  },
  suricata: {
    gapSeconds: 3600, // alerts of one signature from one source closer than 1 h form one detection
    minEventSeverity: 1, // ignore alerts whose normalised severity is 0 (Suricata priority ≥ 4)
  },
  zeekNotice: {
    gapSeconds: 3600, // notices of one note type from one source closer than 1 h form one detection
    ignoredNotes: [], // note names the organisation does not want (e.g. "SSL::Invalid_Server_Cert")
  },
};

/** Defaults (or `base`) with a validated per-organisation override applied section by section. Throws a ZodError. */
export function mergeSettings(override: unknown = {}, base: DetectionSettings = DEFAULT_DETECTION_SETTINGS): DetectionSettings {
  const o = ZDetectionSettingsOverride.parse(override ?? {});
  return ZDetectionSettings.parse({
    disabledDetectors: o.disabledDetectors ?? base.disabledDetectors,
    bruteForce: { ...base.bruteForce, ...o.bruteForce },
    passwordSpray: { ...base.passwordSpray, ...o.passwordSpray },
    credentialStuffing: { ...base.credentialStuffing, ...o.credentialStuffing },
    usernameEnumeration: { ...base.usernameEnumeration, ...o.usernameEnumeration },
    slowBruteForce: { ...base.slowBruteForce, ...o.slowBruteForce },
    portScan: { ...base.portScan, ...o.portScan },
    hostScan: { ...base.hostScan, ...o.hostScan },
    webAttack: { ...base.webAttack, ...o.webAttack },
    requestFlood: { ...base.requestFlood, ...o.requestFlood },
    malware: { ...base.malware, ...o.malware },
    commandPatterns: { ...base.commandPatterns, ...o.commandPatterns },
    suricata: { ...base.suricata, ...o.suricata },
    zeekNotice: { ...base.zeekNotice, ...o.zeekNotice },
  });
}
