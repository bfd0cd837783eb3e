import { z } from 'zod';
import type { TokenCursor } from './cursor.ts';
import { wholeWord } from './linear.ts';

export type Direction = 'src' | 'dst' | 'any';
export type HashKind = 'md5' | 'sha1' | 'sha256';

/** The indicators named in a question. Values are as written, except hashes (lower-case) and defanged URLs. */
export interface NlEntities {
  ips: { value: string; direction: Direction }[];
  cidrs: { value: string; direction: Direction }[];
  domains: string[];
  urls: string[];
  hashes: { value: string; kind: HashKind }[];
  users: string[];
  hosts: string[];
  ports: number[];
  files: string[];
}

export const emptyEntities = (): NlEntities => ({ ips: [], cidrs: [], domains: [], urls: [], hashes: [], users: [], hosts: [], ports: [], files: [] });

const isIp = (word: string) => z.union([z.ipv4(), z.ipv6()]).safeParse(word).success;
const isCidrV4 = (word: string) => z.cidrv4().safeParse(word).success;
const urlShape = wholeWord("(?:https?|hxxps?)://[A-Za-z0-9._~:/?#\\[\\]@!$&'()*+,;=%-]+", true);
const isUrl = (word: string) => word.length <= 2048 && urlShape(word);
const isHex = wholeWord('[0-9a-f]{32}|[0-9a-f]{40}|[0-9a-f]{64}', true);
const isFileName = wholeWord('[A-Za-z0-9_.-]{1,200}\\.(?:exe|dll|ps1|psm1|bat|cmd|vbs|js|jse|hta|scr|msi|jar|sh|py|elf|bin|lnk|docm|xlsm)', true);
const isDomain = wholeWord('(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.){1,10}[a-z]{2,63}', true);
const isUserName = wholeWord('[A-Za-z0-9._@$\\\\-]{1,128}');
const isHostName = wholeWord('[A-Za-z0-9](?:[A-Za-z0-9._-]{0,252})');
const isPort = wholeWord('[0-9]{1,5}');

/** Nouns naming the kind of the indicator after them ("hash 44d8…", "ip 10.0.0.1"); claimed with it. */
export const INDICATOR_NOUNS = new Set([
  'hash',
  'md5',
  'sha1',
  'sha256',
  'ip',
  'address',
  'addresses',
  'domain',
  'url',
  'file',
  'subnet',
  'range',
  'cidr',
  'indicator',
  'ioc',
]);
const USER_MARKERS = new Set(['user', 'username', 'account', 'accountname']);
const HOST_MARKERS = new Set(['host', 'hostname', 'computer', 'machine', 'server', 'workstation', 'device', 'endpoint']);
const NAME_JOINERS = new Set(['named', 'called']);
const SOURCE_WORDS = new Set(['from', 'by', 'source', 'src']);
const DESTINATION_WORDS = new Set(['to', 'towards', 'against', 'targeting', 'destination', 'dst']);
const HASH_KINDS: Readonly<Record<number, HashKind>> = { 32: 'md5', 40: 'sha1', 64: 'sha256' };

/** The direction a preposition before `index` gives an address; the preposition is claimed. */
function directionBefore(cursor: TokenCursor, index: number): Direction {
  const at = INDICATOR_NOUNS.has(cursor.word(index - 1) ?? '') ? index - 2 : index - 1;
  const before = cursor.word(at);
  if (before === undefined) return 'any';
  const direction = SOURCE_WORDS.has(before) ? 'src' : DESTINATION_WORDS.has(before) ? 'dst' : 'any';
  if (direction !== 'any') cursor.claim(at);
  return direction;
}

function addUnique<T>(list: T[], value: T, same: (a: T, b: T) => boolean = (a, b) => a === b): void {
  if (!list.some((existing) => same(existing, value))) list.push(value);
}

/** "user alice", "account named bob", "host web-01", "port 22": the marker and the value are claimed. */
function markedValue(cursor: TokenCursor, index: number, entities: NlEntities, reserved: ReadonlySet<string>): boolean {
  const marker = cursor.word(index);
  if (marker === undefined) return false;
  const valueAt = NAME_JOINERS.has(cursor.word(index + 1) ?? '') ? index + 2 : index + 1;
  const token = cursor.free(valueAt) ? cursor.tokens[valueAt] : undefined;
  if (token === undefined || token.quoted || reserved.has(token.lower) || isIp(token.text)) return false;
  if (USER_MARKERS.has(marker) && isUserName(token.text)) addUnique(entities.users, token.text);
  else if (HOST_MARKERS.has(marker) && isHostName(token.text)) addUnique(entities.hosts, token.text);
  else if (marker === 'port' && isPort(token.text) && Number(token.text) <= 65_535) addUnique(entities.ports, Number(token.text));
  else return false;
  cursor.claim(index, valueAt - index + 1);
  return true;
}

/** One free word as an indicator: URL, CIDR, IP, hash, file name or domain (in that order); false when it is none. */
function indicator(cursor: TokenCursor, index: number, entities: NlEntities): boolean {
  const token = cursor.tokens[index];
  if (token === undefined || token.quoted || !cursor.free(index)) return false;
  const word = token.text;
  if (isUrl(word)) addUnique(entities.urls, word.toLowerCase().startsWith('hxxp') ? `http${word.slice(4)}` : word);
  else if (word.includes('/') && isCidrV4(word))
    addUnique(entities.cidrs, { value: word, direction: directionBefore(cursor, index) }, (a, b) => a.value === b.value);
  else if (isIp(word)) addUnique(entities.ips, { value: word, direction: directionBefore(cursor, index) }, (a, b) => a.value === b.value);
  else if (isHex(word)) addUnique(entities.hashes, { value: word.toLowerCase(), kind: HASH_KINDS[word.length] as HashKind }, (a, b) => a.value === b.value);
  else if (isFileName(word)) addUnique(entities.files, word);
  else if (isDomain(word)) addUnique(entities.domains, word.toLowerCase());
  else return false;
  cursor.claim(index);
  if (INDICATOR_NOUNS.has(cursor.word(index - 1) ?? '')) cursor.claim(index - 1);
  return true;
}

/** Every indicator and named user, host or port in the question; their words are claimed. */
export function recogniseEntities(cursor: TokenCursor, reserved: ReadonlySet<string>): NlEntities {
  const entities = emptyEntities();
  for (let index = 0; index < cursor.length; index++) {
    const word = cursor.word(index);
    if (word !== undefined && (USER_MARKERS.has(word) || HOST_MARKERS.has(word) || word === 'port')) markedValue(cursor, index, entities, reserved);
  }
  for (let index = 0; index < cursor.length; index++) indicator(cursor, index, entities);
  return entities;
}

export const entityCount = (entities: NlEntities): number => Object.values(entities).reduce((sum, list: unknown[]) => sum + list.length, 0);
