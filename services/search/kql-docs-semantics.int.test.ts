import { readdirSync } from 'node:fs';
import { expect } from 'vitest';
import { runReadOnlyStatement } from '../../db/queries/search.ts';
import { checkQuery } from '../../engines/kql/check/index.ts';
import type { Column } from '../../engines/kql/check/types.ts';
import { KqlError } from '../../engines/kql/diagnostics.ts';
import { parseKql } from '../../engines/kql/index.ts';
import { compileToSql, formatRow } from '../../engines/kql/sql/index.ts';
import { CORPUS_TIMEOUT, corpusUrl, describeWithCorpus, itWithCorpus, readCorpus } from '../../tests/fixtures/corpus.ts';
import { useTestServer } from '../../tests/harness.ts';

/**
 * Issue #12's semantics measure: every ```kusto example of the Kusto documentation that starts from a `datatable`
 * and is followed by a documented result table runs on PostgreSQL through the engine; where we run its operators, the
 * result must be the documented one (rows compared as a multiset, values by the column's type).
 */
const DOCS = 'kql/Kusto-Query-Language-docs/doc/';

/** Supported examples whose documented result we do not reproduce, and why. Keyed `<file>#<n>` (n-th example of the file). */
const KNOWN_DIFFERENCES: Readonly<Record<string, string>> = {
  'mvexpandoperator.md#3': 'mv-expand bagexpansion=array: the parser reads the option but leaves it out of the tree, so bags expand as bags',
  'nowfunction.md#2': 'now() is the time of the run: the documented datetimes are those of the day the example was written',
};

type Example = { key: string; query: string; header: string[]; rows: string[][] };

function splitRow(line: string): string[] {
  const inner = line.trim().replace(/^\|/, '').replace(/\|$/, '');
  return inner.split(/(?<!\\)\|/).map((cell) => cell.trim().replace(/\\\|/g, '|'));
}

/** The first markdown table after `from`, before the next code fence or heading. */
function tableAfter(lines: string[], from: number): { header: string[]; rows: string[][] } | null {
  for (let i = from; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line.startsWith('```') || line.startsWith('#')) return null;
    if (line.trim().startsWith('|') && /^\s*\|?\s*:?-{2,}/.test(lines[i + 1] ?? '')) {
      const header = splitRow(line);
      const rows: string[][] = [];
      for (let j = i + 2; j < lines.length && (lines[j] as string).trim().startsWith('|'); j++) rows.push(splitRow(lines[j] as string));
      return { header, rows };
    }
  }
  return null;
}

function examples(): Example[] {
  const found: Example[] = [];
  for (const file of readdirSync(corpusUrl(DOCS))
    .filter((name) => name.endsWith('.md'))
    .sort()) {
    const lines = readCorpus(`${DOCS}${file}`).split('\n');
    let n = 0;
    for (let i = 0; i < lines.length; i++) {
      if (!/^```kusto\s*$/.test(lines[i] as string)) continue;
      const start = i + 1;
      let end = start;
      while (end < lines.length && !(lines[end] as string).startsWith('```')) end++;
      const query = lines.slice(start, end).join('\n').trim();
      i = end;
      n += 1;
      if (!/^(datatable\b|let\s+\w+\s*=\s*datatable\b)/i.test(query)) continue;
      const table = tableAfter(lines, end + 1);
      if (table) found.push({ key: `${file}#${n}`, query, ...table });
    }
  }
  return found;
}

function documentedValue(cell: string, column: Column): unknown {
  const text = cell.replace(/^`|`$/g, '');
  switch (column.type) {
    case 'long':
    case 'int':
    case 'real':
    case 'decimal':
      return text === '' ? null : Number(text.replace(/,/g, ''));
    case 'bool':
      return text === '' ? null : /^(true|1)$/i.test(text);
    case 'datetime': {
      if (text === '') return null;
      const iso = text.includes('T') ? text : text.replace(' ', 'T');
      return Date.parse(/Z|[+-]\d\d:?\d\d$/.test(iso) ? iso : `${iso}Z`);
    }
    case 'dynamic':
      if (text === '') return null;
      try {
        return JSON.parse(text.replace(/<br>/g, ' '));
      } catch {
        return text;
      }
    case 'timespan':
      return text.replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');
    default:
      return text;
  }
}

function ourValue(value: unknown, column: Column): unknown {
  if (value === null || value === undefined) return column.type === 'string' ? '' : null;
  if (column.type === 'datetime') return Date.parse(String(value));
  if (column.type === 'timespan')
    return String(value)
      .replace(/(\.\d*?)0+$/, '$1')
      .replace(/\.$/, '');
  if (column.type === 'dynamic' && typeof value === 'string') return value;
  return value;
}

const canonical = (value: unknown): string => {
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : value.toPrecision(10).replace(/\.?0+$/, '');
  if (value !== null && typeof value === 'object') return JSON.stringify(value, Object.keys(value as object).sort());
  return JSON.stringify(value);
};

const rowKey = (row: unknown[]) => row.map(canonical).join('\u0001');

type Outcome = { key: string; status: 'unsupported' | 'matched' | 'different'; reason?: string };

describeWithCorpus('Kusto documentation examples on PostgreSQL', () => {
  const t = useTestServer();

  itWithCorpus(
    'produce the documented result wherever the operators are supported',
    async () => {
      const outcomes: Outcome[] = [];
      for (const example of examples()) {
        let compiled: ReturnType<typeof compileToSql>;
        try {
          compiled = compileToSql(checkQuery(parseKql(example.query)), {
            orgId: '00000000-0000-0000-0000-000000000000',
            from: new Date(0),
            to: new Date(),
            rowCap: 10_000,
            joinCap: 100_000,
            expandCap: 10_000,
          });
        } catch (error) {
          if (error instanceof KqlError && (error.diagnostic.type === 'UNSUPPORTED_OPERATOR' || error.diagnostic.type === 'SYNTAX_ERROR')) {
            outcomes.push({ key: example.key, status: 'unsupported', reason: error.message });
            continue;
          }
          outcomes.push({ key: example.key, status: 'different', reason: `compile: ${(error as Error).message}` });
          continue;
        }
        let rows: Record<string, unknown>[];
        try {
          rows = (await runReadOnlyStatement(t.deps.searchDb, compiled.statement)).map((row) => formatRow(row, compiled.columns));
        } catch (error) {
          outcomes.push({ key: example.key, status: 'different', reason: `run: ${(error as Error).message}` });
          continue;
        }
        const names = compiled.columns.map((c) => c.name);
        if (names.join(',') !== example.header.join(',')) {
          outcomes.push({ key: example.key, status: 'different', reason: `columns ${names.join(',')} vs documented ${example.header.join(',')}` });
          continue;
        }
        const ours = rows.map((row) => rowKey(compiled.columns.map((column) => ourValue(row[column.name], column)))).sort();
        const documented = example.rows.map((cells) => rowKey(compiled.columns.map((column, index) => documentedValue(cells[index] ?? '', column)))).sort();
        const same = ours.length === documented.length && ours.every((row, index) => row === documented[index]);
        outcomes.push(
          same
            ? { key: example.key, status: 'matched' }
            : { key: example.key, status: 'different', reason: `rows ${JSON.stringify(ours.slice(0, 3))} vs ${JSON.stringify(documented.slice(0, 3))}` },
        );
      }
      const count = (status: Outcome['status']) => outcomes.filter((o) => o.status === status).length;
      const supported = outcomes.length - count('unsupported');
      process.stdout.write(
        `Kusto docs examples with a datatable and a documented result: ${outcomes.length} tried, ${supported} supported, ${count('matched')} matched\n`,
      );
      for (const outcome of outcomes.filter((o) => o.status !== 'matched')) process.stdout.write(`  ${outcome.status} ${outcome.key}: ${outcome.reason}\n`);
      const unexpected = outcomes.filter((o) => o.status === 'different' && !(o.key in KNOWN_DIFFERENCES));
      expect(unexpected).toEqual([]);
      expect(outcomes.length).toBeGreaterThan(0);
    },
    CORPUS_TIMEOUT,
  );
});
