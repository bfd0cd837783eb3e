/**
 * Tabular operators that are valid KQL but that Vigil does not run. The parser recognises them, skips their arguments
 * up to the next top-level `|`, and reports UNSUPPORTED_OPERATOR naming them (an `unsupported` node with
 * `allowUnsupported`).
 */
export const UNSUPPORTED_OPERATORS = new Set([
  'evaluate',
  'as',
  'fork',
  'facet',
  'sample',
  'sample-distinct',
  'invoke',
  'serialize',
  'scan',
  'partition',
  'top-nested',
  'top-hitters',
  'getschema',
  'reduce',
  'parse-kv',
  'project-smart',
  'project-by-names',
  'consume',
  'find',
  'assert-schema',
  'macro-expand',
  'make-graph',
  'graph-match',
  'graph-merge',
  'graph-to-table',
  'graph-shortest-paths',
  'graph-mark-components',
  'execute-and-cache',
  'range',
  'externaldata',
]);
