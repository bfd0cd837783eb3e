import { LineCounter, parseAllDocuments } from 'yaml';
import type { RuleMeta, RuleProblem } from '../types.ts';
import { readCorrelation, type SigmaCorrelationDocument } from './correlation-document.ts';
import { readMeta } from './meta.ts';
import { documentTree, entryOf, problemAt, type SigmaMap, type SourcePos } from './yaml-tree.ts';

/** A detection rule: its `detection` section is compiled by compileSigmaRule. */
export type SigmaRuleDocument = { kind: 'rule'; documentIndex: number; pos: SourcePos; meta: RuleMeta; tree: SigmaMap; detection: SigmaMap };
/** A Sigma filter (sigma-filters-specification.md): `filter` holds `rules`, the selections and `condition`. */
export type SigmaFilterDocument = { kind: 'filter'; documentIndex: number; pos: SourcePos; meta: RuleMeta; tree: SigmaMap; filter: SigmaMap };
export type SigmaDocument = SigmaRuleDocument | SigmaFilterDocument | SigmaCorrelationDocument;

export type SigmaParseResult = { documents: SigmaDocument[]; problems: Array<RuleProblem & { documentIndex: number }> };
export type SigmaParseOptions = { sourcePath?: string };

function classify(tree: SigmaMap, documentIndex: number, sourcePath: string | undefined): { document: SigmaDocument | null; problems: RuleProblem[] } {
  const { meta, problems } = readMeta(tree, sourcePath);
  const correlation = entryOf(tree, 'correlation');
  const filter = entryOf(tree, 'filter');
  const detection = entryOf(tree, 'detection');
  const base = { documentIndex, pos: tree.pos, meta };
  if (correlation) {
    const read = readCorrelation(tree, documentIndex, meta);
    const all = [...problems, ...read.problems];
    return { document: all.length === 0 ? read.document : null, problems: all };
  }
  const logsource = entryOf(tree, 'logsource');
  if (logsource?.value.kind !== 'map') problems.push(problemAt('logsource', 'a rule needs a logsource map', logsource?.keyPos ?? tree.pos));
  if (filter) {
    if (filter.value.kind !== 'map') problems.push(problemAt('filter', 'filter must be a map', filter.keyPos));
    if (problems.length > 0 || filter.value.kind !== 'map') return { document: null, problems };
    return { document: { kind: 'filter', ...base, tree, filter: filter.value }, problems };
  }
  if (detection) {
    if (detection.value.kind !== 'map') problems.push(problemAt('detection', 'detection must be a map', detection.keyPos));
    else if (!entryOf(detection.value, 'condition')) problems.push(problemAt('condition', 'detection has no condition', detection.keyPos));
    if (problems.length > 0 || detection.value.kind !== 'map') return { document: null, problems };
    return { document: { kind: 'rule', ...base, tree, detection: detection.value }, problems };
  }
  return {
    document: null,
    problems: [problemAt('document', 'neither a detection rule (detection), a correlation (correlation) nor a filter (filter)', tree.pos)],
  };
}

/**
 * Parses Sigma YAML: one document or many separated by `---`. Each document becomes a rule, a filter or a correlation,
 * or is left out with its problems (YAML errors, duplicate keys, missing sections), each naming its document index,
 * line and column. Empty documents (a trailing `---`) are skipped silently.
 */
export function parseSigmaText(text: string, options: SigmaParseOptions = {}): SigmaParseResult {
  const lines = new LineCounter();
  const parsed = parseAllDocuments(text, { uniqueKeys: true, lineCounter: lines, prettyErrors: false });
  const documents: SigmaDocument[] = [];
  const problems: SigmaParseResult['problems'] = [];
  const docs = Array.isArray(parsed) ? parsed : [];
  for (const [documentIndex, doc] of docs.entries()) {
    const add = (list: RuleProblem[]) => {
      for (const problem of list) problems.push({ ...problem, documentIndex });
    };
    if (doc.errors.length > 0) {
      add(
        doc.errors.map((error) => {
          const { line, col } = lines.linePos(error.pos[0]);
          if (error.code !== 'DUPLICATE_KEY') return { construct: 'yaml', message: error.message, line, column: col };
          const key = (text.slice(error.pos[0]).split('\n', 1)[0] ?? '').replace(/:(\s.*)?$/, '').trim();
          return { construct: 'duplicate key', message: `duplicate key '${key}' (map keys must be unique)`, line, column: col };
        }),
      );
      continue;
    }
    const { tree, problems: treeProblems } = documentTree(doc, lines);
    if (treeProblems.length > 0) {
      add(treeProblems);
      continue;
    }
    if (tree === null || (tree.kind === 'scalar' && tree.value === null)) continue;
    if (tree.kind !== 'map') {
      add([problemAt('document', 'a Sigma document must be a map', tree.pos)]);
      continue;
    }
    const { document, problems: found } = classify(tree, documentIndex, options.sourcePath);
    add(found);
    if (document) documents.push(document);
  }
  return { documents, problems };
}
