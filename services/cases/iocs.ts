// Indicators of compromise from an incident's events: columns first, then patterns inside command lines
// and messages (URLs, IPv4 addresses, hashes). Pure; each list is unique, most frequent first, bounded.

export type IocSource = {
  src_ip: string | null;
  dst_ip: string | null;
  user_name: string | null;
  url: string | null;
  process_command_line: string | null;
  file_sha256: string | null;
  file_md5: string | null;
  message: string | null;
  attributes: unknown;
};

export const IOC_KINDS = ['ips', 'domains', 'urls', 'hashes', 'usernames', 'commands'] as const;
export type IocKind = (typeof IOC_KINDS)[number];
export type Iocs = Record<IocKind, string[]>;

const URL_PATTERN = /\b(?:https?|ftp|tftp):\/\/[^\s'"<>`|;]+/gi;
const IPV4_PATTERN = /\b(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)\b/g;
const HASH_PATTERN = /\b(?:[a-f0-9]{64}|[a-f0-9]{40}|[a-f0-9]{32})\b/gi;
const MAX_VALUE_LENGTH = 500;
const IPV4_EXACT = /^(?:\d{1,3}\.){3}\d{1,3}$/;

function hostOf(url: string): string | null {
  try {
    const host = new URL(url).hostname.replace(/^\[|\]$/g, '').toLowerCase();
    return host === '' ? null : host;
  } catch {
    return null;
  }
}

function isDomain(value: string): boolean {
  return value.includes('.') && !IPV4_EXACT.test(value) && !value.includes(':') && /^[a-z0-9.-]+$/i.test(value);
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

class Tally {
  private readonly counts = new Map<string, number>();
  add(value: string | null): void {
    if (value === null) return;
    const key = value.slice(0, MAX_VALUE_LENGTH);
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }
  top(limit: number): string[] {
    return [...this.counts.entries()]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, limit)
      .map(([value]) => value);
  }
}

function collect(event: IocSource, tallies: Record<IocKind, Tally>): void {
  const attributes = (event.attributes ?? {}) as Record<string, unknown>;
  tallies.ips.add(event.src_ip);
  tallies.ips.add(event.dst_ip);
  tallies.usernames.add(text(event.user_name));
  tallies.commands.add(text(event.process_command_line));
  tallies.hashes.add(text(event.file_sha256)?.toLowerCase() ?? null);
  tallies.hashes.add(text(event.file_md5)?.toLowerCase() ?? null);
  for (const key of ['dnsQuery', 'httpHost', 'tlsSni']) {
    const domain = text(attributes[key])?.toLowerCase().replace(/\.$/, '') ?? null;
    if (domain !== null && isDomain(domain)) tallies.domains.add(domain);
  }
  const urls = new Set<string>();
  const url = text(event.url);
  if (url !== null && /^[a-z][a-z0-9+.-]*:\/\//i.test(url)) urls.add(url);
  for (const free of [event.process_command_line, event.message]) {
    if (!free) continue;
    for (const match of free.matchAll(URL_PATTERN)) urls.add(match[0]);
    for (const match of free.matchAll(IPV4_PATTERN)) tallies.ips.add(match[0]);
    if (free === event.process_command_line) for (const match of free.matchAll(HASH_PATTERN)) tallies.hashes.add(match[0].toLowerCase());
  }
  for (const found of urls) {
    tallies.urls.add(found);
    const host = hostOf(found);
    if (host !== null && isDomain(host)) tallies.domains.add(host);
  }
}

export function extractIocs(events: readonly IocSource[], perKind = 100): Iocs {
  const tallies = Object.fromEntries(IOC_KINDS.map((kind) => [kind, new Tally()])) as Record<IocKind, Tally>;
  for (const event of events) collect(event, tallies);
  return Object.fromEntries(IOC_KINDS.map((kind) => [kind, tallies[kind].top(perKind)])) as Iocs;
}
