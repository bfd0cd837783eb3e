import { readdirSync } from 'node:fs';
import { expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { CORPUS_TIMEOUT, corpusUrl, describeWithCorpus, lazy, readCorpus } from '../../tests/fixtures/corpus.ts';
import { jsonObjectTexts } from '../../tests/fixtures/corpus-text.ts';
import { parseWindows } from '../telemetry/windows.ts';
import { VIGIL_MAPPING } from './mapping/index.ts';
import { buildRuleSet } from './runtime/index.ts';
import { compileSigmaRule, parseSigmaText, type SigmaRuleDocument } from './sigma/index.ts';
import type { CompiledRule, RuleEvent, RuleProblem } from './types.ts';

/**
 * SigmaHQ's rules (read at run time from ../shared/corpus, never copied) through the whole front end with Vigil's field
 * mapping, and their regression events (evtx exported to JSON) through the Windows parser: each rule must match its
 * events exactly `match_count` times, as it does in SigmaHQ's own CI.
 */
const SIGMA = 'sigma/SigmaHQ-sigma/';
const RULE_FOLDERS = ['rules', 'rules-emerging-threats', 'rules-threat-hunting', 'rules-compliance', 'rules-placeholder'];
const RECEIVED_AT = new Date('2026-12-04T00:00:00Z');

/** Share of all rule documents that must compile; the rest are unsupported logsources and placeholder rules. */
const COMPILE_RATE_FLOOR = 0.87;

/**
 * Regression pairs whose match_count we do not reproduce, with the count we do and why. Each was checked by hand: every
 * event counted satisfies the rule as Sigma defines it, so SigmaHQ's match_count (1) under-counts; the test still pins our
 * count, so a change in either direction shows. Keep it short: a failure whose fault is ours is fixed, not listed.
 */
const KNOWN_REGRESSION_COUNTS: Record<string, { matches: number; why: string }> = {
  // file_event_win_anydesk_artefact: user.conf.new (twice) and user.conf~RF….TMP all contain '\AppData\Roaming\AnyDesk\user.conf'
  '0b9ad457-2554-44c1-82c2-d56a99c42377': { matches: 3, why: 'three events contain the user.conf path' },
  // file_event_win_cred_dump_tools_dropped_files: procdump.exe, procdump64.exe and procdump64a.exe are all in the endswith list
  '8fbf3271-1ef6-4e94-8210-03c2317947f6': { matches: 3, why: 'three listed dump tools are dropped' },
  // registry_set_change_security_zones: three ZoneMap\Domains values set to DWORD 2, none filtered
  '45e112d0-7759-4c2a-aa36-9f8fb79d3393': { matches: 3, why: 'three zone values are set' },
  // registry_set_disable_administrative_share: AutoShareServer and AutoShareWks are both set to 0
  'c7dcacd0-cc59-4004-b0a4-1d6cdebe6f3e': { matches: 2, why: 'both administrative-share values are set' },
};

const filesUnder = (folder: string): string[] =>
  readdirSync(corpusUrl(`${SIGMA}${folder}`), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => `${entry.parentPath}/${entry.name}`.slice(decodeURIComponent(corpusUrl(SIGMA).pathname).length));

type Outcome = { path: string; id: string | null; rule: CompiledRule | null; problems: RuleProblem[] };

function compileFile(path: string): Outcome[] {
  const parsed = parseSigmaText(readCorpus(`${SIGMA}${path}`), { sourcePath: path });
  const outcomes: Outcome[] = parsed.problems.map((problem) => ({ path, id: null, rule: null, problems: [problem] }));
  for (const doc of parsed.documents) {
    if (doc.kind !== 'rule') continue;
    const compiled = compileSigmaRule(doc as SigmaRuleDocument, VIGIL_MAPPING, { sourcePath: path });
    outcomes.push(
      'rule' in compiled ? { path, id: doc.meta.id, rule: compiled.rule, problems: [] } : { path, id: doc.meta.id, rule: null, problems: compiled.problems },
    );
  }
  return outcomes;
}

/** A rejection's group: its construct and message without the details (the logsource in parentheses, the placeholder name). */
const reasonOf = (problem: RuleProblem) => `${problem.construct}: ${problem.message.replace(/%[^%\s]+%/g, '%…%').replace(/ \([^)]*\)$/, '')}`;

function summary(outcomes: Outcome[]): string {
  const rejected = outcomes.filter((outcome) => outcome.rule === null);
  const byReason = new Map<string, number>();
  for (const outcome of rejected) {
    const reason = reasonOf(outcome.problems[0] as RuleProblem);
    byReason.set(reason, (byReason.get(reason) ?? 0) + 1);
  }
  const lines = [...byReason].sort((a, b) => b[1] - a[1]).map(([reason, count]) => `  ${String(count).padStart(5)}  ${reason}`);
  return [`Sigma corpus: ${outcomes.length} rules, ${outcomes.length - rejected.length} compiled, ${rejected.length} rejected:`, ...lines].join('\n');
}

type RegressionPair = { ruleId: string; jsonPath: string; matchCount: number };

function regressionPairs(): RegressionPair[] {
  const pairs: RegressionPair[] = [];
  for (const path of filesUnder('regression_data').filter((file) => file.endsWith('info.yml'))) {
    const info = parseYaml(readCorpus(`${SIGMA}${path}`)) as {
      rule_metadata?: Array<{ id: string }>;
      regression_tests_info?: Array<{ match_count?: number; path: string }>;
    };
    for (const test of info.regression_tests_info ?? []) {
      if (typeof test.match_count !== 'number') continue;
      for (const { id } of info.rule_metadata ?? []) pairs.push({ ruleId: id, jsonPath: test.path.replace(/\.evtx$/, '.json'), matchCount: test.match_count });
    }
  }
  return pairs;
}

type PairResult = { pair: RegressionPair; failure: string | null };

function runPair(pair: RegressionPair, rules: Map<string, Outcome>): PairResult {
  const outcome = rules.get(pair.ruleId);
  if (!outcome) return { pair, failure: 'rule not found in the corpus' };
  if (!outcome.rule) return { pair, failure: `rule rejected: ${outcome.problems.map((p) => `${p.construct}: ${p.message}`).join('; ')}` };
  const events = jsonObjectTexts(readCorpus(`${SIGMA}${pair.jsonPath}`)).map(({ text }) => parseWindows(JSON.parse(text), { receivedAt: RECEIVED_AT }));
  const bad = events.find((result) => !result.ok);
  if (bad && !bad.ok) return { pair, failure: `event rejected: ${bad.reason} ${bad.field ?? ''}` };
  const rule = outcome.rule;
  const matched = events.filter((result) => result.ok && rule.match(result.event));
  const expected = KNOWN_REGRESSION_COUNTS[pair.ruleId]?.matches ?? pair.matchCount;
  if (matched.length !== expected) return { pair, failure: `${matched.length} of ${events.length} events matched, expected ${expected}` };
  const unkeyed = matched.find((result) => result.ok && !VIGIL_MAPPING.eventKeys(result.event).some((key) => rule.prefilter.logsourceKeys.includes(key)));
  if (unkeyed) return { pair, failure: `a matching event's keys miss the rule's logsource keys ${rule.prefilter.logsourceKeys.join(', ')}` };
  return { pair, failure: null };
}

describeWithCorpus('SigmaHQ corpus through the Sigma front end and VIGIL_MAPPING', () => {
  const compiled = lazy(() => RULE_FOLDERS.flatMap((folder) => filesUnder(folder).filter((file) => file.endsWith('.yml'))).flatMap(compileFile));

  it('compiles all but unsupported logsources and unresolved placeholders, and reproduces the regression match counts', { timeout: CORPUS_TIMEOUT }, () => {
    const outcomes = compiled();
    const regression = regressionPairs();
    const rules = new Map(outcomes.filter((outcome) => outcome.id !== null).map((outcome) => [outcome.id as string, outcome]));
    const results = regression.map((pair) => runPair(pair, rules));
    const failures = results.filter((result) => result.failure !== null);
    const known = regression.filter((pair) => KNOWN_REGRESSION_COUNTS[pair.ruleId] !== undefined);
    const report = [
      summary(outcomes),
      `Regression pairs: ${results.length - failures.length - known.length}/${results.length} match SigmaHQ's match_count; ${known.length} listed exceptions:`,
      ...known.map(
        (pair) =>
          `  KNOWN ${pair.ruleId}: ${KNOWN_REGRESSION_COUNTS[pair.ruleId]?.matches} matches, not ${pair.matchCount} (${KNOWN_REGRESSION_COUNTS[pair.ruleId]?.why})`,
      ),
      ...failures.map(({ pair, failure }) => `  FAIL ${pair.ruleId}: ${failure}`),
    ];
    // biome-ignore lint/suspicious/noConsole: the one summary this conformance test exists to print
    console.log(report.join('\n'));

    const rejected = outcomes.filter((outcome) => outcome.rule === null);
    expect(rejected.flatMap((outcome) => outcome.problems).filter((problem) => !problem.construct || !problem.message)).toEqual([]);
    expect(rejected.every((outcome) => outcome.problems.length > 0)).toBe(true);
    // nothing is refused for a Sigma construct: only logsources Vigil never receives and placeholders without values
    expect([...new Set(rejected.map((outcome) => outcome.problems[0]?.construct))].sort()).toEqual(['logsource', 'placeholder']);
    expect((outcomes.length - rejected.length) / outcomes.length).toBeGreaterThanOrEqual(COMPILE_RATE_FLOOR);
    expect(regression.length).toBeGreaterThan(100);
    expect(failures.map(({ pair, failure }) => `${pair.ruleId}: ${failure}`)).toEqual([]);
  });

  it('gives every rule of the corpus, in one rule set, the same hits with the prefilter on, off and rule by rule', { timeout: CORPUS_TIMEOUT }, () => {
    const entries = compiled().flatMap((outcome, index) => (outcome.rule ? [{ key: `${outcome.id}#${index}`, rule: outcome.rule }] : []));
    const events = [...new Set(regressionPairs().map((pair) => pair.jsonPath))].flatMap((path) =>
      jsonObjectTexts(readCorpus(`${SIGMA}${path}`)).flatMap(({ text }) => {
        const parsed = parseWindows(JSON.parse(text), { receivedAt: RECEIVED_AT });
        return parsed.ok ? [parsed.event as RuleEvent] : [];
      }),
    );
    const set = buildRuleSet(entries, [], VIGIL_MAPPING);
    const withPrefilter = set.match(events);
    const everyRule = events.flatMap((event, eventIndex) => entries.filter(({ rule }) => rule.match(event)).map(({ key }) => ({ key, eventIndex })));
    expect(withPrefilter).toEqual(set.match(events, { prefilter: false }));
    expect(withPrefilter).toEqual(everyRule);
    expect(withPrefilter.length).toBeGreaterThan(events.length);
  });
});
