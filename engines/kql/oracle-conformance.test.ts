import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { expect } from 'vitest';
import { CORPUS_TIMEOUT, corpusUrl, describeWithCorpus, itWithCorpus, readCorpus } from '../../tests/fixtures/corpus.ts';
import { KqlError } from './diagnostics.ts';
import { parseKqlDetailed } from './index.ts';

/**
 * Microsoft's own KQL parser (@kusto/language-service-next, a devDependency: 31 MB, never loaded by the server) is the
 * oracle for ours over ../shared/corpus/kql: every query it accepts must parse in ours or fail only with
 * UNSUPPORTED_OPERATOR naming the construct, never SYNTAX_ERROR; every query it rejects must be rejected by ours.
 * Only its syntax diagnostics count (`KustoCode.Parse` binds no tables, so unknown tables and functions are fine).
 */
const KQL = 'kql/';
/**
 * Share of the accepted queries that must parse with nothing unsupported: 91.8% (367 of 400) at the last change, so this
 * floor (that minus one point) guards against regressions. What remains is printed by the test: workbook `{parameters}`,
 * a bare scalar expression as the query, `evaluate`, `externaldata`, `invoke`, `(a, b) = …` multiple assignment.
 */
const PARSE_RATE_FLOOR = 0.907;

interface KustoDiagnostic {
  Code: string;
  Message: string;
  Start: number;
}
interface KustoList<T> {
  Count: number;
  getItem(index: number): T;
}
interface KustoLanguage {
  KustoCode: { Parse(text: string): { GetSyntaxDiagnostics(): KustoList<KustoDiagnostic> } };
}

/** The bundle is a Bridge.NET global script: its runtime first, then the language assembly, both attach to globalThis. */
function loadMicrosoftParser(): KustoLanguage {
  const require = createRequire(import.meta.url);
  require('@kusto/language-service-next/bridge.min.js');
  require('@kusto/language-service-next/Kusto.Language.Bridge.min.js');
  return (globalThis as unknown as { Kusto: { Language: KustoLanguage } }).Kusto.Language;
}

function microsoftErrors(kusto: KustoLanguage, text: string): string[] {
  const list = kusto.KustoCode.Parse(text).GetSyntaxDiagnostics();
  const errors: string[] = [];
  for (let i = 0; i < list.Count; i++) {
    const diagnostic = list.getItem(i);
    errors.push(`${diagnostic.Code} ${diagnostic.Message} @${diagnostic.Start}`);
  }
  return errors;
}

interface Sample {
  source: string;
  text: string;
}

const filesUnder = (folder: string, ending: string): string[] =>
  readdirSync(corpusUrl(`${KQL}${folder}`), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(ending))
    .map((entry) => `${entry.parentPath}/${entry.name}`.slice(decodeURIComponent(corpusUrl(KQL).pathname).length))
    .sort();

const KUSTO_FENCE = /^[ \t]*```(?:kusto|kql)[ \t]*\r?\n([\s\S]*?)^[ \t]*```/gim;

/** Every `.kql` file (one query text each), the ```kusto blocks of the Markdown docs, and the cowrie parser and workbook. */
function gatherSamples(): Sample[] {
  const samples: Sample[] = [];
  for (const path of filesUnder('', '.kql')) samples.push({ source: path, text: readCorpus(`${KQL}${path}`) });
  for (const path of filesUnder('', '.md')) {
    let index = 0;
    for (const match of readCorpus(`${KQL}${path}`).matchAll(KUSTO_FENCE)) samples.push({ source: `${path}#${++index}`, text: match[1] ?? '' });
  }
  for (const path of filesUnder('cowrie-sentinel-parser', '.txt')) {
    // The parser file starts with an SPDX header in '#' comments, which is not KQL.
    const text = readCorpus(`${KQL}${path}`).replace(/^#.*$/gm, '');
    samples.push({ source: path, text });
  }
  for (const path of filesUnder('cowrie-sentinel-parser', '.json')) {
    let index = 0;
    JSON.parse(readCorpus(`${KQL}${path}`), (key, value) => {
      if (key === 'query' && typeof value === 'string') samples.push({ source: `${path}#query${++index}`, text: value });
      return value;
    });
  }
  // A text with no tokens (a block of comments only) is no query to either parser.
  return samples.filter((sample) => sample.text.replace(/\/\/.*$/gm, '').trim() !== '');
}

type Ours = { kind: 'ok' } | { kind: 'unsupported'; constructs: string[] } | { kind: 'error'; type: string; message: string };

function ours(text: string): Ours {
  try {
    const { unsupported } = parseKqlDetailed(text);
    if (unsupported.length === 0) return { kind: 'ok' };
    return { kind: 'unsupported', constructs: unsupported.map((d) => d.construct ?? '?') };
  } catch (error) {
    if (error instanceof KqlError) return { kind: 'error', type: error.diagnostic.type, message: error.message };
    throw error;
  }
}

describeWithCorpus('KQL parser against Microsoft’s parser over ../shared/corpus/kql', () => {
  itWithCorpus(
    'accepts what Microsoft accepts (or names the unsupported construct) and rejects what it rejects',
    () => {
      const kusto = loadMicrosoftParser();
      const samples = gatherSamples();
      let accepted = 0;
      let parsed = 0;
      let bothRejected = 0;
      let ourMs = 0;
      const byConstruct = new Map<string, number>();
      const violations: string[] = [];
      const literalErrors: string[] = [];
      for (const sample of samples) {
        const theirs = microsoftErrors(kusto, sample.text);
        const started = performance.now();
        const mine = ours(sample.text);
        ourMs += performance.now() - started;
        if (theirs.length === 0) {
          accepted++;
          if (mine.kind === 'ok') parsed++;
          else if (mine.kind === 'unsupported')
            for (const construct of new Set(mine.constructs)) byConstruct.set(construct, (byConstruct.get(construct) ?? 0) + 1);
          // An invalid literal value (`datetime("Insert date")`) is well-formed syntax that Kusto refuses too.
          else if (mine.type === 'TYPE_ERROR') literalErrors.push(`${sample.source}: ${mine.message}`);
          else violations.push(`${sample.source}: Microsoft accepts, ours says ${mine.type}: ${mine.message}`);
        } else if (mine.kind === 'error' && mine.type === 'SYNTAX_ERROR') bothRejected++;
        else violations.push(`${sample.source}: Microsoft rejects (${theirs[0]}), ours ${mine.kind === 'ok' ? 'parses it' : `says ${mine.kind}`}`);
      }
      const top = [...byConstruct.entries()].sort((a, b) => b[1] - a[1]).slice(0, 15);
      const rate = accepted ? parsed / accepted : 1;
      // biome-ignore lint/suspicious/noConsole: the figures this conformance test exists to print
      console.log(
        [
          `KQL oracle: ${samples.length} queries, Microsoft accepts ${accepted}, ours parses ${parsed} fully (${(rate * 100).toFixed(1)}%)`,
          `  rejected by both: ${bothRejected} of ${samples.length - accepted}; violations: ${violations.length}; our parse time: ${ourMs.toFixed(0)} ms in all`,
          `  invalid literal values (TYPE_ERROR): ${literalErrors.length ? literalErrors.join('; ') : 'none'}`,
          `  unsupported by construct: ${top.map(([construct, count]) => `${construct} ${count}`).join(', ') || 'none'}`,
        ].join('\n'),
      );
      expect(violations, violations.join('\n')).toEqual([]);
      expect(rate).toBeGreaterThanOrEqual(PARSE_RATE_FLOOR);
    },
    CORPUS_TIMEOUT,
  );
});
