/**
 * Vigil's Sigma front end: Sigma YAML (rules, filters, correlations) parsed with positions, detection rules and filters
 * compiled into closures over RuleEvents through a FieldMapping. Correlation documents are validated here and turned
 * into CorrelationSpecs by engines/rules/correlation.
 */
export { compileSigmaFilter } from './compile-filter.ts';
export { compileSigmaRule, type SigmaCompileOptions } from './compile-rule.ts';
export type { SigmaCorrelationDocument } from './correlation-document.ts';
export { timespanMs } from './correlation-document.ts';
export { sigmaHqLink } from './meta.ts';
export { namedRules } from './named-rules.ts';
export {
  parseSigmaText,
  type SigmaDocument,
  type SigmaFilterDocument,
  type SigmaParseOptions,
  type SigmaParseResult,
  type SigmaRuleDocument,
} from './parse.ts';
export { sigmaDocumentTexts } from './split.ts';
export type { SigmaMap, SigmaNode, SigmaScalar, SourcePos } from './yaml-tree.ts';
