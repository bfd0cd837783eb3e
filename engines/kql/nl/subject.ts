import type { TokenCursor } from './cursor.ts';
import { wholeWord } from './linear.ts';
import {
  ATTACKING_WORDS,
  BIN_ADVERBS,
  BIN_WORDS,
  FAILED_WORDS,
  KEYWORD_MARKERS,
  LOGIN_NOUNS,
  LOGIN_WORDS,
  type NlTable,
  PROTOCOLS,
  SEVERITIES,
  type SeverityWord,
  STATUSES,
  SUCCESS_WORDS,
  TABLE_WORDS,
  THREAT_CATEGORIES,
  TOP_ADJECTIVES,
  TOP_KIND_WORDS,
  type TopKind,
} from './vocabulary.ts';

export type NlAggregation = { kind: 'top'; by: TopKind; n: number; attacking: boolean } | { kind: 'timeline'; bin: string } | { kind: 'count' };

const MAX_TOP = 100;
const isTopCount = wholeWord('[0-9]{1,3}');

/** "top 5 attacking IPs", "top users": the words are claimed. */
export function recogniseTop(cursor: TokenCursor): NlAggregation | null {
  for (let index = 0; index < cursor.length; index++) {
    if (cursor.word(index) !== 'top') continue;
    let at = index + 1;
    const written = cursor.word(at);
    const n = written !== undefined && isTopCount(written) ? Math.min(Number(written), MAX_TOP) : null;
    if (n !== null) at++;
    let attacking = false;
    while (TOP_ADJECTIVES.has(cursor.word(at) ?? '')) {
      attacking ||= ATTACKING_WORDS.has(cursor.word(at) ?? '');
      at++;
    }
    const kindWord = cursor.word(at);
    const by = kindWord === undefined ? undefined : TOP_KIND_WORDS[kindWord];
    if (by === undefined || n === 0) continue;
    attacking ||= ATTACKING_WORDS.has(kindWord ?? '');
    // "ip addresses": the second word belongs to the first
    const read = kindWord === 'ip' && cursor.word(at + 1) === 'addresses' ? at - index + 2 : at - index + 1;
    cursor.claim(index, read);
    return { kind: 'top', by, n: n ?? 10, attacking };
  }
  return null;
}

/** "per hour", "by day", "hourly", "over time", "how many", "number of", "count of". */
export function recogniseCounting(cursor: TokenCursor): NlAggregation | null {
  for (let index = 0; index < cursor.length; index++) {
    const word = cursor.word(index);
    const next = cursor.word(index + 1);
    if ((word === 'per' || word === 'by' || word === 'each') && next !== undefined && BIN_WORDS[next]) {
      cursor.claim(index, 2);
      return { kind: 'timeline', bin: BIN_WORDS[next] as string };
    }
    if (word !== undefined && BIN_ADVERBS[word]) {
      cursor.claim(index);
      return { kind: 'timeline', bin: BIN_ADVERBS[word] as string };
    }
    if (word === 'over' && next === 'time') {
      cursor.claim(index, 2);
      return { kind: 'timeline', bin: '1h' };
    }
    if ((word === 'how' && next === 'many') || ((word === 'number' || word === 'count') && next === 'of')) {
      cursor.claim(index, 2);
      return { kind: 'count' };
    }
  }
  return null;
}

/** Every threat category named, as stored values, with the text terms to search for; words claimed. */
export function recogniseCategories(cursor: TokenCursor): { value: string; term: string }[] {
  const found: { value: string; term: string }[] = [];
  for (const category of THREAT_CATEGORIES) {
    const hit = cursor.find(category.phrases);
    if (!hit) continue;
    cursor.claim(hit.index, hit.phrase.length);
    if (!found.some((existing) => existing.value === category.value)) found.push({ value: category.value, term: category.term });
  }
  return found;
}

const SEVERITY_NOUNS = new Set(['severity', 'sev', 'priority', 'risk']);
const SEVERITY_TARGETS = new Set(['alerts', 'alert', 'incidents', 'incident', 'events', 'event', 'cases', 'case', 'detections']);
const isSeverity = (word: string | undefined): word is SeverityWord => (SEVERITIES as readonly string[]).includes(word ?? '');

/**
 * Severities: "critical" anywhere; "high", "medium", "low" only before severity/priority or a table word
 * ("high severity incidents", "high and critical alerts"); "high or above" widens to the levels above.
 */
export function recogniseSeverities(cursor: TokenCursor): SeverityWord[] {
  const found = new Set<SeverityWord>();
  for (let index = 0; index < cursor.length; index++) {
    const word = cursor.word(index);
    if (!isSeverity(word)) continue;
    let end = index;
    const run: SeverityWord[] = [word];
    while ((cursor.word(end + 1) === 'and' || cursor.word(end + 1) === 'or') && isSeverity(cursor.word(end + 2))) {
      run.push(cursor.word(end + 2) as SeverityWord);
      end += 2;
    }
    let after = cursor.peek(end + 1);
    const orAbove = (after === 'or' || after === 'and') && (cursor.word(end + 2) === 'above' || cursor.word(end + 2) === 'higher');
    if (orAbove) {
      const lowest = SEVERITIES.indexOf(run[run.length - 1] as SeverityWord);
      for (const level of SEVERITIES.slice(lowest)) run.push(level);
      end += 2;
      after = cursor.peek(end + 1);
    }
    const marked = SEVERITY_NOUNS.has(after ?? '') || SEVERITY_TARGETS.has(after ?? '') || orAbove;
    if (!marked && !(run.length === 1 && word === 'critical')) continue;
    for (const level of run) found.add(level);
    cursor.claim(index, end - index + 1 + (SEVERITY_NOUNS.has(after ?? '') && cursor.free(end + 1) ? 1 : 0));
  }
  return SEVERITIES.filter((level) => found.has(level));
}

/** Statuses written before a table word or after "status": "open incidents", "status resolved". */
export function recogniseStatuses(cursor: TokenCursor): string[] {
  const found: string[] = [];
  for (let index = 0; index < cursor.length; index++) {
    const word = cursor.word(index);
    const normalised = word === 'in-progress' ? 'in_progress' : word === 'false-positive' ? 'false_positive' : word;
    if (normalised === undefined || STATUSES[normalised] === undefined) continue;
    const after = cursor.peek(index + 1);
    const marked = cursor.word(index - 1) === 'status' || SEVERITY_TARGETS.has(after ?? '');
    if (!marked) continue;
    if (cursor.word(index - 1) === 'status') cursor.claim(index - 1);
    cursor.claim(index);
    if (!found.includes(normalised)) found.push(normalised);
  }
  return found;
}

export type LoginOutcome = 'failure' | 'success' | 'any';
export type Protocol = keyof typeof PROTOCOLS;

/** "failed ssh logins", "successful rdp logon attempts", "windows 4625", "logins": outcome and protocols; words claimed. */
export function recogniseLogins(cursor: TokenCursor): { outcome: LoginOutcome; protocols: Protocol[] } | null {
  const protocols: Protocol[] = [];
  let outcome: LoginOutcome | null = null;
  for (let index = 0; index < cursor.length; index++) {
    const word = cursor.word(index);
    if (word === '4625' || word === '4624') {
      outcome = word === '4625' ? 'failure' : 'success';
      if (!protocols.includes('windows')) protocols.push('windows');
      cursor.claim(index);
      if (cursor.word(index - 1) === 'event' || cursor.word(index - 1) === 'eventid') cursor.claim(index - 1);
      continue;
    }
    if (word === undefined || !LOGIN_WORDS.has(word)) continue;
    outcome ??= 'any';
    cursor.claim(index);
    if (LOGIN_NOUNS.has(cursor.word(index + 1) ?? '')) cursor.claim(index + 1);
    // walk back over "failed ssh", "successful windows", "failed remote desktop"
    let at = index - 1;
    while (at >= 0) {
      const before = cursor.word(at);
      const protocol = (Object.keys(PROTOCOLS) as Protocol[]).find((name) => (PROTOCOLS[name] as readonly string[]).includes(before ?? ''));
      if (protocol) {
        if (!protocols.includes(protocol)) protocols.push(protocol);
      } else if (before === 'desktop' && cursor.word(at - 1) === 'remote') {
        if (!protocols.includes('rdp')) protocols.push('rdp');
        cursor.claim(at - 1);
        at--;
      } else if (FAILED_WORDS.has(before ?? '')) outcome = 'failure';
      else if (SUCCESS_WORDS.has(before ?? '')) outcome = 'success';
      else break;
      cursor.claim(at);
      at--;
    }
  }
  if (outcome === null) return null;
  // "ssh" or "rdp" elsewhere in a login question still names the protocol ("logins over ssh")
  for (let index = 0; index < cursor.length; index++) {
    const word = cursor.word(index);
    const protocol = (Object.keys(PROTOCOLS) as Protocol[]).find((name) => (PROTOCOLS[name] as readonly string[]).includes(word ?? ''));
    if (protocol && protocol !== 'windows') {
      if (!protocols.includes(protocol)) protocols.push(protocol);
      cursor.claim(index);
    }
  }
  return { outcome, protocols };
}

export interface NlProcessFilter {
  powershell: boolean;
  encoded: boolean;
  commandContains: string[];
}

const COMMAND_WORDS = new Set(['command', 'commands', 'commandline', 'cmdline', 'process', 'processes', 'executions', 'executed', 'execution']);

/** "powershell encoded commands", "command line containing whoami", "processes": words claimed. */
export function recogniseProcess(cursor: TokenCursor): NlProcessFilter | null {
  let seen = false;
  const filter: NlProcessFilter = { powershell: false, encoded: false, commandContains: [] };
  for (let index = 0; index < cursor.length; index++) {
    const word = cursor.word(index);
    let last = index;
    if (word === 'powershell' || word === 'pwsh') filter.powershell = true;
    else if (word === 'encoded' || word === 'base64' || word === 'obfuscated') filter.encoded = true;
    else if (word === 'command' && cursor.word(index + 1) === 'line') last = index + 1;
    else if (word === undefined || !COMMAND_WORDS.has(word)) continue;
    seen = true;
    cursor.claim(index, last - index + 1);
    const marker = cursor.word(last + 1);
    const value = cursor.tokens[last + 2];
    if (marker !== undefined && KEYWORD_MARKERS.has(marker) && value !== undefined && cursor.free(last + 2)) {
      filter.commandContains.push(value.text);
      cursor.claim(last + 1, 2);
    }
    index = last;
  }
  return seen ? filter : null;
}

/** The first table named in the question, its words claimed. */
export function recogniseTable(cursor: TokenCursor): NlTable | null {
  let best: { table: NlTable; index: number; length: number } | null = null;
  for (const { table, phrases } of TABLE_WORDS) {
    const hit = cursor.find(phrases);
    if (hit && (best === null || hit.index < best.index)) best = { table, index: hit.index, length: hit.phrase.length };
  }
  if (best === null) return null;
  cursor.claim(best.index, best.length);
  // only the first table named is queried; a second table word stays free and is reported as unrecognised
  return best.table;
}

/** Words after "with", "mentioning", "containing", "about": the next free word, or a "quoted phrase" anywhere. */
export function recogniseKeywords(cursor: TokenCursor, reserved: ReadonlySet<string>): string[] {
  const keywords: string[] = [];
  for (let index = 0; index < cursor.length; index++) {
    const token = cursor.tokens[index];
    if (token === undefined || !cursor.free(index)) continue;
    if (token.quoted) {
      keywords.push(token.text);
      cursor.claim(index);
      continue;
    }
    if (!KEYWORD_MARKERS.has(token.lower)) continue;
    const next = cursor.tokens[index + 1];
    if (next === undefined || !cursor.free(index + 1) || (!next.quoted && reserved.has(next.lower))) continue;
    keywords.push(next.text);
    cursor.claim(index, 2);
  }
  return keywords;
}
