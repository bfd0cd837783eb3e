import { describe, expect, it } from 'vitest';
import { createRng, type Rng } from '../../synthetic/index.ts';
import { blankRuleEvent } from '../blank-event.ts';
import { compileSigmaRule, parseSigmaText } from '../sigma/index.ts';
import type { CompiledRule, Condition, FieldMapping, Logsource, RuleEvent } from '../types.ts';
import { buildRuleSet, type RuleFilterEntry, type RuleSetEntry } from './index.ts';

const equals = (field: string, value: string): Condition => ({
  type: 'field',
  field,
  paths: [field],
  tests: [{ op: 'equals', value, cased: false }],
  mode: 'any',
});

const FIELDS: Record<string, string[]> = {
  CommandLine: ['processCommandLine'],
  // two places, often holding the same string (as Windows command lines do): a value seen at the first is not re-run
  Image: ['processName', 'attributes.Image'],
  User: ['userName'],
  Computer: ['hostName'],
};

/** A small mapping: windows (process creation under its own key), linux, and logsource-less rules on any event. */
const MAPPING: FieldMapping = {
  version: 'test',
  logsource(logsource: Logsource) {
    if (logsource.product === 'windows' && logsource.category === 'process_creation')
      return { condition: { type: 'and', items: [equals('sourceKind', 'windows'), equals('category', 'process')] }, keys: ['windows:process'] };
    if (logsource.product === 'windows') return { condition: equals('sourceKind', 'windows'), keys: ['windows'] };
    if (logsource.product === 'linux') return { condition: equals('sourceKind', 'linux'), keys: ['linux'] };
    if (!logsource.product && !logsource.category && !logsource.service) return { condition: { type: 'const', value: true }, keys: [] };
    return { unsupported: 'no such events here' };
  },
  field: (_logsource, field) => FIELDS[field] ?? [`attributes.${field}`, `raw.${field}`],
  eventKeys(event) {
    if (event.sourceKind === 'windows') return event.category === 'process' ? ['windows', 'windows:process'] : ['windows'];
    return event.sourceKind === 'linux' ? ['linux'] : [];
  },
};

function baseEvent(overrides: Partial<RuleEvent>): RuleEvent {
  return blankRuleEvent({ occurredAt: new Date(Date.UTC(2026, 0, 1)), sourceKind: 'windows', action: 'start', outcome: 'success', severity: 1, ...overrides });
}

function compile(yaml: string): CompiledRule | null {
  const [document] = parseSigmaText(yaml).documents;
  if (document?.kind !== 'rule') throw new Error(`not a rule: ${yaml}`);
  const compiled = compileSigmaRule(document, MAPPING);
  return 'problems' in compiled ? null : compiled.rule;
}

const ruleText = (logsource: string, detection: string) => `title: t\nlogsource:\n${logsource}\ndetection:\n${detection}\n`;

function rule(logsource: string, detection: string): CompiledRule {
  const compiled = compile(ruleText(logsource, detection));
  if (!compiled) throw new Error(`does not compile: ${detection}`);
  return compiled;
}

// Words the rules look for and the events are made of; the odd ones test case folding and Unicode hiding places.
const WORDS = ['cmd.exe', 'powershell', '-enc', 'mimikatz', 'whoami', 'admin', 'sekurlsa', 'evil.com', '/tmp/x', 'kelvin', 'stop', 'rundll32'];
const MODIFIERS = ['', '|contains', '|startswith', '|endswith', '|contains|all', '|contains|cased', '|windash|contains', '|base64offset|contains', '|cased'];
const REGEXES = ['mimi.*katz', '(?i)SEKURLSA', 'who(ami)?', 'evil\\.com', 'p[o0]wershell', 'KELVIN', 'st[o]p$'];
const LOGSOURCES = ['  product: windows\n  category: process_creation', '  product: windows', '  product: linux', '  {}'];
const RULE_FIELDS = ['CommandLine', 'Image', 'User', 'Payload', 'Nested'];

function randomValue(rng: Rng): string {
  const word = rng.pick(WORDS);
  const roll = rng.int(0, 9);
  if (roll === 0) return `*${word}`;
  if (roll === 1) return `${word.slice(0, 2)}?${word.slice(3)}`;
  return rng.chance(0.3) ? word.toUpperCase() : word;
}

function randomSelection(rng: Rng): string {
  if (rng.chance(0.15)) return `    - '${randomValue(rng)}'\n    - '${randomValue(rng)}'`;
  const lines: string[] = [];
  for (const field of rng.shuffle(RULE_FIELDS).slice(0, rng.int(1, 2))) {
    const roll = rng.next();
    if (roll < 0.15) lines.push(`    ${field}|re: '${rng.pick(REGEXES)}'`);
    else if (roll < 0.2) lines.push(`    ${field}: null`);
    else if (roll < 0.25) lines.push(`    ${field}|exists: ${rng.chance(0.5)}`);
    else
      lines.push(
        `    ${field}${rng.pick(MODIFIERS)}:\n${Array.from({ length: rng.chance(0.2) ? rng.int(8, 12) : rng.int(1, 3) }, () => `      - '${randomValue(rng)}'`).join('\n')}`,
      );
  }
  return lines.join('\n');
}

/** A random rule that compiles (some random modifier chains are rightly refused, e.g. base64offset of a wildcard). */
function randomRule(rng: Rng): CompiledRule {
  for (;;) {
    const compiled = compile(ruleText(rng.pick(LOGSOURCES), randomDetection(rng)));
    if (compiled) return compiled;
  }
}

function randomDetection(rng: Rng): string {
  const count = rng.int(1, 3);
  const selections = Array.from({ length: count }, (_, i) => `  sel${i}:\n${randomSelection(rng)}`).join('\n');
  const conditions = ['sel0', '1 of sel*', 'all of them', count > 1 ? 'sel0 and not sel1' : 'not sel0', count > 1 ? '(sel0 or sel1) and sel0' : 'sel0 or sel0'];
  return `${selections}\n  condition: ${rng.pick(conditions)}`;
}

/** Text made of the words, in any case, with the tricks that must not hide a literal from the prefilter. */
function randomText(rng: Rng): string {
  const parts = Array.from({ length: rng.int(1, 4) }, () => {
    let word = rng.pick(WORDS);
    if (rng.chance(0.3)) word = word.toUpperCase();
    if (rng.chance(0.1)) word = btoa(`x${word}`);
    if (rng.chance(0.1)) word = word.replaceAll('k', '\u212a').replaceAll('K', '\u212a');
    if (rng.chance(0.1)) word = word.replaceAll('i', '\u0130');
    if (rng.chance(0.1)) word += '\u0301';
    if (rng.chance(0.05)) word = [...word].map((c) => `${c}\u0000`).join('');
    return word;
  });
  return parts.join(rng.pick([' ', '\r\n', '\t', '/', '\u2014']));
}

function randomEvent(rng: Rng): RuleEvent {
  const maybe = () => (rng.chance(0.7) ? randomText(rng) : null);
  const processName = maybe();
  const image = rng.chance(0.5) ? processName : randomText(rng);
  return baseEvent({
    sourceKind: rng.pick(['windows', 'windows', 'linux', 'zeek']),
    category: rng.pick(['process', 'network']),
    processCommandLine: maybe(),
    processName,
    userName: maybe(),
    message: maybe(),
    attributes: rng.chance(0.5) ? { Payload: randomText(rng), Count: rng.int(0, 5), Image: image } : {},
    raw: rng.chance(0.5) ? { Nested: [randomText(rng), { deep: [[randomText(rng)]] }], Payload: rng.chance(0.5) ? randomText(rng) : 42 } : null,
  });
}

describe('buildRuleSet', () => {
  // covers the per-key-combination literal indexes, batches evaluated group by group, the logsource test shared by the
  // rules of one logsource, long value lists and fields read at two places
  it('gives the same hits with the literal prefilter on and off, and the same as running every rule (seeded random rules and events)', () => {
    const rng = createRng(20261206);
    const entries: RuleSetEntry[] = Array.from({ length: 300 }, (_, i) => ({ key: `r${i}`, rule: randomRule(rng) }));
    const events = Array.from({ length: 1000 }, () => randomEvent(rng));
    let predicateCalls = 0;
    const counted = entries.map(({ key, rule: compiled }) => ({
      key,
      rule: {
        ...compiled,
        match: (event: RuleEvent) => {
          predicateCalls++;
          return compiled.match(event);
        },
      },
    }));
    const set = buildRuleSet(counted, [], MAPPING);

    predicateCalls = 0;
    const withPrefilter = set.match(events);
    const callsWith = predicateCalls;
    predicateCalls = 0;
    const without = set.match(events, { prefilter: false });
    const callsWithout = predicateCalls;
    const everyRule = events.flatMap((event, eventIndex) => entries.filter(({ rule: r }) => r.match(event)).map(({ key }) => ({ key, eventIndex })));

    // rule by rule over the events: every call sees another event, so nothing one rule remembered serves another
    const ruleMajor = entries.flatMap(({ key, rule: r }) => events.flatMap((event, eventIndex) => (r.match(event) ? [{ key, eventIndex }] : [])));
    const byEvent = (a: { key: string; eventIndex: number }, b: { key: string; eventIndex: number }) =>
      a.eventIndex - b.eventIndex || Number(a.key.slice(1)) - Number(b.key.slice(1));
    expect(withPrefilter).toEqual(without);
    expect(withPrefilter).toEqual(everyRule);
    expect(ruleMajor.sort(byEvent)).toEqual(everyRule);
    expect(events.map((event) => set.matchOne(event))).toEqual(events.map((_, i) => everyRule.filter((hit) => hit.eventIndex === i).map((hit) => hit.key)));
    // the property says nothing if nothing matched or nothing was skipped
    expect(withPrefilter.length).toBeGreaterThan(500);
    expect(callsWith).toBeLessThan(callsWithout * 0.9);
    process.stdout.write(
      `runtime property test: ${entries.length} rules × ${events.length} events, ${withPrefilter.length} hits, predicates run ${callsWith} (prefilter on) vs ${callsWithout} (off)\n`,
    );
  }, 120_000);

  it('runs a rule only on the events of its logsource, and logsource-less rules on every event', () => {
    const windows = rule('  product: windows\n  category: process_creation', '  sel:\n    CommandLine|contains: whoami\n  condition: sel');
    const linux = rule('  product: linux', '  sel:\n    CommandLine|contains: whoami\n  condition: sel');
    const anywhere = rule('  {}', '  sel:\n    - whoami\n  condition: sel');
    const calls: string[] = [];
    const spy = (key: string, compiled: CompiledRule): RuleSetEntry => ({
      key,
      rule: {
        ...compiled,
        match: (event) => {
          calls.push(key);
          return compiled.match(event);
        },
      },
    });
    const set = buildRuleSet([spy('win', windows), spy('lin', linux), spy('any', anywhere)], [], MAPPING);
    const event = baseEvent({ processCommandLine: 'whoami /all', message: 'whoami' });

    expect(set.matchOne(event)).toEqual(['win', 'any']);
    expect(calls).toEqual(['win', 'any']);
    calls.length = 0;
    expect(set.matchOne({ ...event, sourceKind: 'linux' })).toEqual(['lin', 'any']);
    expect(calls).toEqual(['lin', 'any']);
    calls.length = 0;
    expect(set.matchOne({ ...event, category: 'network' })).toEqual(['any']);
    expect(calls).toEqual(['any']);
    expect(set.size).toBe(3);
  });

  it('drops the hits a filter covers, only for the rules it names', () => {
    const whoami = rule('  product: windows', '  sel:\n    CommandLine|contains: whoami\n  condition: sel');
    let filterCalls = 0;
    const adminOnly: RuleFilterEntry = {
      ruleKeys: ['a', 'missing'],
      match: (event) => {
        filterCalls++;
        return event.userName === 'admin';
      },
    };
    const set = buildRuleSet(
      [
        { key: 'a', rule: whoami },
        { key: 'b', rule: whoami },
      ],
      [adminOnly, { ruleKeys: ['a'], match: () => false }],
      MAPPING,
    );
    const events = [baseEvent({ processCommandLine: 'whoami', userName: 'admin' }), baseEvent({ processCommandLine: 'whoami', userName: 'bob' })];

    expect(set.match(events)).toEqual([
      { key: 'b', eventIndex: 0 },
      { key: 'a', eventIndex: 1 },
      { key: 'b', eventIndex: 1 },
    ]);
    expect(filterCalls).toBe(2);
    expect(set.match(events, { prefilter: false })).toEqual(set.match(events));
  });

  it('finds a literal hidden behind a combining mark, a Kelvin sign or a non-ASCII neighbour', () => {
    const set = buildRuleSet(
      [
        { key: 'contains', rule: rule('  product: windows', '  sel:\n    CommandLine|contains: mimikatz\n  condition: sel') },
        { key: 'keyword', rule: rule('  product: windows', '  sel:\n    - sekurlsa\n  condition: sel') },
      ],
      [],
      MAPPING,
    );
    expect(set.matchOne(baseEvent({ processCommandLine: 'run mimikatz\u0301.exe' }))).toEqual(['contains']);
    expect(set.matchOne(baseEvent({ processCommandLine: 'MIMI\u212aATZ' }))).toEqual(['contains']);
    expect(set.matchOne(baseEvent({ raw: { deep: [[{ text: '\u00e9sekurlsa\u00e9' }]] } }))).toEqual(['keyword']);
    expect(set.matchOne(baseEvent({ processCommandLine: 'mimi katz' }))).toEqual([]);
  });

  it('handles an empty rule set', () => {
    const set = buildRuleSet([], [], MAPPING);
    expect(set.match([baseEvent({ message: 'x' })])).toEqual([]);
    expect(set.size).toBe(0);
  });
});
