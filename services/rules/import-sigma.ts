import { categoryOf } from '../../engines/rules/rule-detections.ts';
import { parseSigmaText, type SigmaDocument, sigmaDocumentTexts } from '../../engines/rules/sigma/index.ts';
import { describeProblem } from './rule-errors.ts';
import type { RuleImportReport } from './rule-import.dto.ts';
import type { RuleDraft } from './save-rule.ts';

export type ImportedRule = { section: 'analytic_rules' | 'correlation_rules' | 'sigma'; index: number; draft: RuleDraft; lineOffset?: number };

/**
 * Sigma YAML split into one rule per document (its own text kept), detection rules and filters before correlations
 * so a correlation finds the rules it names in the same import. A document that does not parse is rejected with
 * its problems; one that parses but cannot run here is rejected when it is saved (the construct and line).
 */
export function sigmaImportDrafts(content: string, pack: string | null = null): { entries: ImportedRule[]; rejected: RuleImportReport['rejected'] } {
  const parsed = parseSigmaText(content);
  const texts = sigmaDocumentTexts(content);
  const rejected: RuleImportReport['rejected'] = [];
  const byDocument = new Map<number, string[]>();
  for (const { documentIndex, ...problem } of parsed.problems)
    byDocument.set(documentIndex, [...(byDocument.get(documentIndex) ?? []), describeProblem(problem)]);
  for (const [index, reasons] of byDocument) rejected.push({ section: 'sigma', index, id: null, reasons });
  const ordered = [...parsed.documents].sort(
    (a, b) => Number(a.kind === 'correlation') - Number(b.kind === 'correlation') || a.documentIndex - b.documentIndex,
  );
  const entries = ordered.map((document) => {
    const text = texts[document.documentIndex] ?? { text: '', lineOffset: 0 };
    return { section: 'sigma' as const, index: document.documentIndex, draft: draftOf(document, text.text, pack), lineOffset: text.lineOffset };
  });
  return { entries, rejected };
}

function draftOf(document: SigmaDocument, source: string, pack: string | null): RuleDraft {
  const { meta } = document;
  const logsource = Object.values(meta.logsource).filter((value): value is string => typeof value === 'string');
  const body: Record<string, unknown> =
    document.kind === 'correlation'
      ? {
          window_minutes: document.timespan.ms / 60_000,
          logic: {
            type: document.type,
            rules: document.rules.map(({ ref }) => ref),
            group_by: document.groupBy.map(({ field }) => field),
            timespan: document.timespan.text,
          },
        }
      : { category: categoryOf(meta.tags), data_sources: logsource, query: { format: 'sigma', kind: document.kind, logsource: meta.logsource } };
  return {
    kind: document.kind === 'correlation' ? 'correlation' : 'analytic',
    title: meta.title,
    description: meta.description,
    severity: meta.level,
    enabled: true,
    format: 'sigma',
    source,
    body: { ...body, tags: meta.tags },
    tests: [],
    externalId: meta.id || null,
    pack,
  };
}
