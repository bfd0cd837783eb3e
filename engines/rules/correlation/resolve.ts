import type { SigmaCorrelationDocument } from '../sigma/index.ts';
import type { CorrelationSpec, FieldMapping, FieldPath, Logsource, RuleProblem } from '../types.ts';

/** A correlation ready to evaluate: references are rule keys, fields are paths per referenced rule. */
export type ResolvedCorrelation = CorrelationSpec;
export type ReferencedRule = { key: string; logsource: Logsource };

type Context = {
  doc: SigmaCorrelationDocument;
  referenced: ReadonlyMap<string, ReferencedRule>;
  mapping: FieldMapping;
  /** resolved rule keys, in the written order, without repeats */
  keys: string[];
  problems: RuleProblem[];
};

const problemAt = (construct: string, message: string, pos: { line: number; column: number }): RuleProblem => ({
  construct,
  message,
  line: pos.line,
  column: pos.column,
});

/**
 * The paths of a group-by or value field under each referenced rule. An alias (Sigma `aliases`) names a field per
 * rule (by the rule's name or id); any other name is the same Sigma field in every rule's events.
 */
function pathsByRule(field: string, pos: { line: number; column: number }, context: Context): Record<string, FieldPath[]> | null {
  const alias = context.doc.aliases.find((candidate) => candidate.alias === field);
  const fieldByKey = new Map<string, string>();
  if (alias) {
    for (const [ref, aliased] of Object.entries(alias.fieldByRule)) {
      const rule = context.referenced.get(ref);
      if (rule) fieldByKey.set(rule.key, aliased);
      else context.problems.push(problemAt('correlation aliases', `alias '${field}' names rule '${ref}', which is not known`, alias.pos));
    }
  }
  const out: Record<string, FieldPath[]> = {};
  for (const key of context.keys) {
    const ruleField = alias ? fieldByKey.get(key) : field;
    const rule = [...context.referenced.values()].find((candidate) => candidate.key === key) as ReferencedRule;
    if (ruleField === undefined) {
      context.problems.push(problemAt('correlation aliases', `alias '${field}' gives no field for one of the referenced rules`, alias?.pos ?? pos));
      return null;
    }
    out[key] = context.mapping.field(rule.logsource, ruleField);
  }
  return out;
}

/**
 * A Sigma correlation document resolved against the detection rules it may reference (by Sigma id or name → rule key
 * and logsource). Every unknown reference or alias is a problem with its line. A temporal correlation without a
 * condition needs every referenced rule (gte = the number of rules).
 */
export function resolveCorrelation(
  doc: SigmaCorrelationDocument,
  referenced: ReadonlyMap<string, ReferencedRule>,
  mapping: FieldMapping,
): { spec: ResolvedCorrelation } | { problems: RuleProblem[] } {
  const context: Context = { doc, referenced, mapping, keys: [], problems: [] };
  for (const { ref, pos } of doc.rules) {
    const rule = referenced.get(ref);
    if (!rule) context.problems.push(problemAt('correlation rules', `rule '${ref}' is not a known detection rule (by Sigma id or name)`, pos));
    else if (!context.keys.includes(rule.key)) context.keys.push(rule.key);
  }
  if (context.problems.length > 0) return { problems: context.problems };

  const groupBy: CorrelationSpec['groupBy'] = [];
  for (const { field, pos } of doc.groupBy) {
    const paths = pathsByRule(field, pos, context);
    if (paths) groupBy.push({ field, pathsByRule: paths });
  }
  const { pos: conditionPos, ...counts } = doc.condition ?? { pos: doc.pos };
  const condition: CorrelationSpec['condition'] = doc.condition ? counts : { gte: context.keys.length };
  if (counts.field !== undefined) {
    const paths = pathsByRule(counts.field, conditionPos, context);
    if (paths) condition.pathsByRule = paths;
  }
  if (context.problems.length > 0) return { problems: context.problems };
  return {
    spec: { meta: doc.meta, type: doc.type, rules: context.keys, groupBy, timespanMs: doc.timespan.ms, condition, generate: doc.generate },
  };
}
