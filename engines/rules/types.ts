/**
 * The contract between the parts of the rule engine (engines/rules). Pure types: the Sigma front end
 * (sigma/), the field mapping (mapping/), the correlation engine (correlation/) and the runtime
 * (index, prefilter, evaluator) all meet here.
 *
 * A rule is evaluated against a RuleEvent: the stored, normalised event (engines/telemetry/event.ts) with its
 * attributes and raw record. Sigma field names never reach the predicates: at compile time the FieldMapping
 * turns each into one or more paths into the RuleEvent (`processCommandLine`, `attributes.win.CommandLine`,
 * `raw.uri`), and each logsource into a Condition on the event (sourceKind, category, EventID…).
 */

/** What rules see of one event. Paths in FieldPath are dotted keys into this object. */
export type RuleEvent = {
  occurredAt: Date;
  sourceKind: string;
  kind: string;
  category: string;
  action: string;
  outcome: string;
  severity: number;
  srcIp: string | null;
  srcPort: number | null;
  dstIp: string | null;
  dstPort: number | null;
  transport: string | null;
  hostName: string | null;
  userName: string | null;
  processName: string | null;
  processCommandLine: string | null;
  url: string | null;
  fileName: string | null;
  fileSha256: string | null;
  fileMd5: string | null;
  sensorId: string | null;
  sessionId: string | null;
  message: string | null;
  attributes: Record<string, unknown>;
  raw: unknown;
};

/**
 * A dotted path into a RuleEvent. A segment that names an object key whose own name contains dots
 * (`attributes.win["Provider.Name"]`) is matched first as the longest literal key, then as nested keys,
 * so `raw.id.orig_h` finds Zeek's flat `"id.orig_h"` key.
 */
export type FieldPath = string;

export type Logsource = { product?: string; category?: string; service?: string; definition?: string };

/**
 * One value test. Strings compare case-insensitively unless `cased` (Sigma `|cased`). Values are already
 * transformed by value modifiers (base64, base64offset, utf16*, wide, windash, expand), so one Sigma value may
 * become several ValueTests OR-ed together.
 */
export type ValueTest =
  | { op: 'equals' | 'contains' | 'startswith' | 'endswith'; value: string; cased: boolean }
  /** RE2 syntax; flags from `|re|i`, `|re|m`, `|re|s`. Sigma regexes are case-sensitive unless `i`. */
  | { op: 'regex'; pattern: string; flags: { i: boolean; m: boolean; s: boolean } }
  | { op: 'cidr'; cidr: string }
  | { op: 'gt' | 'gte' | 'lt' | 'lte'; value: number }
  /** a number (or numeric string) equal to value: Sigma `EventID: 4624` matches 4624 and "4624" */
  | { op: 'number'; value: number }
  | { op: 'bool'; value: boolean }
  /** Sigma `field: null`: the field is missing, null or empty */
  | { op: 'null' }
  /** `|exists: true|false` */
  | { op: 'exists'; value: boolean }
  /** `|fieldref`: equal to the value of another field of the same event (paths already mapped) */
  | { op: 'fieldref'; paths: FieldPath[]; mode: 'equals' | 'contains' | 'startswith' | 'endswith'; cased: boolean };

/** The condition AST a rule compiles to, and the form the mapping uses for logsources. */
export type Condition =
  | { type: 'and'; items: Condition[] }
  | { type: 'or'; items: Condition[] }
  | { type: 'not'; item: Condition }
  | { type: 'const'; value: boolean }
  /**
   * The field (any of its mapped paths; a list value counts as any element) passes the tests: `any` = at
   * least one test passes (a Sigma value list), `all` = every test passes (`|all`).
   */
  | { type: 'field'; field: string; paths: FieldPath[]; tests: ValueTest[]; mode: 'any' | 'all' }
  /** Sigma keyword search: any string value anywhere in the event's message and raw record passes the tests */
  | { type: 'keyword'; tests: ValueTest[]; mode: 'any' | 'all' };

/** Everything the runtime needs to skip a rule cheaply. Both parts are necessary conditions, never sufficient. */
export type RulePrefilter = {
  /** the logsource's index key(s) (`FieldMapping.logsource().keys`); empty = any event */
  logsourceKeys: string[];
  /**
   * Lower-cased literals of which at least one occurs in some string value of any event the rule can match, or
   * null when no such set exists (a `not`, a regex without a literal, a numeric test…).
   */
  anyLiteral: string[] | null;
};

/** Why a rule (or part of one) cannot be used, with where it is. */
export type RuleProblem = { construct: string; message: string; line: number | null; column: number | null };

/**
 * What the mapping answers for a Sigma logsource and field. Versioned data (mapping/), not code in the compiler.
 * `unsupported` means Vigil never receives such events: the rule is rejected with that reason.
 */
export interface FieldMapping {
  readonly version: string;
  logsource(logsource: Logsource): { condition: Condition; keys: string[] } | { unsupported: string };
  /** Paths for a Sigma field under a logsource; never empty (unknown fields fall back to raw/attributes). */
  field(logsource: Logsource, field: string): FieldPath[];
  /** Index key(s) of an event, matching the keys logsource() gives (so the index can look rules up by event). */
  eventKeys(event: RuleEvent): string[];
}

export type RuleLevel = 'informational' | 'low' | 'medium' | 'high' | 'critical';

/** The metadata every compiled rule keeps (DRL: alerts from a SigmaHQ rule show author and a link). */
export type RuleMeta = {
  id: string;
  name: string | null;
  title: string;
  description: string | null;
  author: string | null;
  references: string[];
  /** a link to the rule's source when known (SigmaHQ rules: the rule on github.com/SigmaHQ/sigma) */
  link: string | null;
  license: string | null;
  status: string | null;
  level: RuleLevel;
  tags: string[];
  falsepositives: string[];
  logsource: Logsource;
};

/** A detection rule compiled once into a predicate. */
export type CompiledRule = {
  meta: RuleMeta;
  condition: Condition;
  prefilter: RulePrefilter;
  match(event: RuleEvent): boolean;
  /** names of the top-level selections that held (for `POST /api/rules/test` and alert evidence) */
  explain(event: RuleEvent): { matched: boolean; selections: string[] };
};

export type CorrelationType = 'event_count' | 'value_count' | 'temporal' | 'temporal_ordered';

/** A Sigma correlation rule, its references resolved to rule ids. */
export type CorrelationSpec = {
  meta: RuleMeta;
  type: CorrelationType;
  /** referenced rule ids (by Sigma `name` or `id`), in order for temporal_ordered */
  rules: string[];
  /** aliases: per referenced rule, the group-by field's path under that rule */
  groupBy: Array<{ field: string; pathsByRule: Record<string, FieldPath[]> }>;
  timespanMs: number;
  /** event_count / value_count: the count test; temporal: defaults to gte = number of rules */
  condition: { gt?: number; gte?: number; lt?: number; lte?: number; eq?: number; field?: string; pathsByRule?: Record<string, FieldPath[]> };
  /** whether the referenced rules also raise their own alerts (Sigma `generate`) */
  generate: boolean;
};

/** A Sigma filter document: excludes matches of the referenced rules. */
export type CompiledFilter = {
  meta: RuleMeta;
  rules: string[];
  match(event: RuleEvent): boolean;
};
