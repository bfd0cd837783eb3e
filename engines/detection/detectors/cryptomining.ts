import { str } from '../build.ts';
import { type CommandPattern, commandOf, commandPatternDetector } from '../command-patterns.ts';
import { linearRegex } from '../linear-regex.ts';
import type { DetectionEvent } from '../types.ts';

export const POOLS = linearRegex(
  String.raw`\b(?:minexmr|supportxmr|nanopool|moneroocean|hashvault|2miners|f2pool|nicehash|herominers|c3pool|xmrpool|minergate|ethermine|unmineable)\.(?:com|org|net|pro|eu|stream|io)\b`,
  'i',
);

export const CRYPTOMINING_PATTERNS: readonly CommandPattern[] = [
  {
    name: 'miner binary',
    re: linearRegex(
      String.raw`\b(?:xmrig|xmr-stak|minerd|cpuminer(?:-multi)?|cgminer|bfgminer|ethminer|nbminer|lolminer|phoenixminer|nanominer|gminer|teamredminer|srbminer)\b`,
      'i',
    ),
    severity: 'high',
    mitre: ['T1496'],
  },
  { name: 'stratum pool url', re: linearRegex(String.raw`\bstratum\d?\+(?:tcp|ssl|tls)://`, 'i'), severity: 'high', mitre: ['T1496'] },
  {
    name: 'miner options',
    re: linearRegex(
      String.raw`--(?:donate-level|cpu-priority|randomx-[\w-]+)\b|--(?:algo|algorithm|coin)[= ](?:cryptonight\S*|rx/\w+|randomx|ethash|kawpow|monero|xmr)\b`,
      'i',
    ),
    severity: 'high',
    mitre: ['T1496'],
  },
  { name: 'mining algorithm', re: linearRegex(String.raw`\b(?:cryptonight|randomx)\b`, 'i'), severity: 'medium', mitre: ['T1496'] },
  { name: 'cryptojacking malware', re: linearRegex(String.raw`\b(?:kinsing|kdevtmpfsi)\b`, 'i'), severity: 'high', mitre: ['T1496'] },
  { name: 'mining pool host', re: POOLS, severity: 'high', mitre: ['T1496'] },
  {
    name: 'pool port option',
    re: linearRegex(String.raw`\s-o\s+(?:\S+://)?[\w.-]+:(?:3333|5555|7777|14444|45700)\b`, 'i'),
    severity: 'medium',
    mitre: ['T1496'],
  },
];

/** Command lines, plus DNS queries and URLs that name a mining pool. */
function texts(e: DetectionEvent): string[] {
  const query = str(e.attributes.dnsQuery);
  return [...commandOf(e), ...(query && POOLS.test(query) ? [query] : []), ...(e.url && POOLS.test(e.url) ? [e.url] : [])];
}

/**
 * Crypto-mining: miner binaries (xmrig, minerd, cpuminer…), stratum+tcp:// pool URLs, miner options, cryptojacking
 * malware names, and DNS queries or URLs for public mining pools.
 */
export const cryptomining = commandPatternDetector({
  id: 'cryptomining',
  title: 'Crypto-mining',
  category: 'cryptomining',
  mitre: ['T1496'],
  patterns: CRYPTOMINING_PATTERNS,
  texts,
  interest: { fields: ['processCommandLine', 'url'], attributeKeys: ['dnsQuery'] },
});
