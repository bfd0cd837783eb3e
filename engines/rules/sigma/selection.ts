import type { Condition, FieldMapping, Logsource, RuleProblem } from '../types.ts';
import { type ModifierPlan, planModifiers } from './modifiers.ts';
import { type ValueContext, valueTests } from './value-tests.ts';
import { problemAt, type SigmaMap, type SigmaNode, type SigmaScalar, type SourcePos } from './yaml-tree.ts';

export type SelectionContext = {
  logsource: Logsource;
  mapping: FieldMapping;
  placeholders: Record<string, readonly string[]>;
  problems: RuleProblem[];
};

const valueContext = (context: SelectionContext): ValueContext => ({
  placeholders: context.placeholders,
  fieldPaths: (field) => context.mapping.field(context.logsource, field),
});

/** The scalar values of a field or keyword entry: one scalar or a list of them. */
function scalarsOf(node: SigmaNode, pos: SourcePos, context: SelectionContext): SigmaScalar[] | null {
  const items = node.kind === 'seq' ? node.items : [node];
  if (node.kind === 'seq' && items.length === 0) {
    context.problems.push(problemAt('value', 'an empty value list matches nothing', pos));
    return null;
  }
  const scalars: SigmaScalar[] = [];
  for (const item of items) {
    if (item.kind !== 'scalar') {
      context.problems.push(problemAt('value', 'a field value must be a string, number, boolean or null (or a list of them)', item.pos));
      return null;
    }
    scalars.push(item);
  }
  return scalars;
}

function planOf(modifiers: string[], pos: SourcePos, context: SelectionContext): ModifierPlan | null {
  const plan = planModifiers(modifiers);
  if ('construct' in plan) {
    context.problems.push(problemAt(plan.construct, plan.message, pos));
    return null;
  }
  return plan;
}

function keywordCondition(modifiers: string[], node: SigmaNode, pos: SourcePos, context: SelectionContext): Condition | null {
  const plan = planOf(modifiers, pos, context);
  const scalars = scalarsOf(node, pos, context);
  if (!plan || !scalars) return null;
  if (plan.kind !== 'string' && plan.kind !== 're') {
    context.problems.push(problemAt('keyword', `keywords take string modifiers, not ${plan.kind}`, pos));
    return null;
  }
  // a keyword is found anywhere in a value: `*keyword*`
  const keywordPlan: ModifierPlan = plan.kind === 'string' ? { ...plan, steps: [...plan.steps, 'contains'] } : plan;
  const tests = valueTests(scalars, keywordPlan, valueContext(context));
  if ('construct' in tests) {
    context.problems.push(problemAt(tests.construct, tests.message, pos));
    return null;
  }
  const condition: Condition = { type: 'keyword', tests, mode: plan.all ? 'all' : 'any' };
  return plan.negate ? { type: 'not', item: condition } : condition;
}

function fieldCondition(key: string, node: SigmaNode, pos: SourcePos, context: SelectionContext): Condition | null {
  const [field = '', ...modifiers] = key.split('|');
  if (field === '') return keywordCondition(modifiers, node, pos, context);
  const plan = planOf(modifiers, pos, context);
  const scalars = scalarsOf(node, pos, context);
  if (!plan || !scalars) return null;
  const tests = valueTests(scalars, plan, valueContext(context));
  if ('construct' in tests) {
    context.problems.push(problemAt(tests.construct, tests.message, pos));
    return null;
  }
  const paths = context.mapping.field(context.logsource, field);
  const condition: Condition = { type: 'field', field, paths, tests, mode: plan.all ? 'all' : 'any' };
  return plan.negate ? { type: 'not', item: condition } : condition;
}

/** A map: every field holds (AND). */
function mapCondition(map: SigmaMap, context: SelectionContext): Condition | null {
  if (map.entries.length === 0) {
    context.problems.push(problemAt('selection', 'an empty selection', map.pos));
    return null;
  }
  const items: Condition[] = [];
  let failed = false;
  for (const entry of map.entries) {
    const condition = fieldCondition(entry.key, entry.value, entry.keyPos, context);
    if (condition) items.push(condition);
    else failed = true;
  }
  if (failed) return null;
  return items.length === 1 ? (items[0] as Condition) : { type: 'and', items };
}

/**
 * A search identifier's definition: a map (AND of fields), a list of maps (OR), a list of keywords (OR) or one keyword.
 * Problems go to context.problems; null means the selection cannot be compiled.
 */
export function selectionCondition(node: SigmaNode, context: SelectionContext): Condition | null {
  if (node.kind === 'map') return mapCondition(node, context);
  if (node.kind === 'scalar') return keywordCondition([], node, node.pos, context);
  if (node.items.length === 0) {
    context.problems.push(problemAt('selection', 'an empty selection list', node.pos));
    return null;
  }
  if (node.items.every((item) => item.kind === 'scalar')) return keywordCondition([], node, node.pos, context);
  const items: Condition[] = [];
  let failed = false;
  for (const item of node.items) {
    const condition = item.kind === 'map' ? mapCondition(item, context) : item.kind === 'scalar' ? keywordCondition([], item, item.pos, context) : null;
    if (item.kind === 'seq') context.problems.push(problemAt('selection', 'a list inside a selection list', item.pos));
    if (condition) items.push(condition);
    else failed = true;
  }
  if (failed) return null;
  return items.length === 1 ? (items[0] as Condition) : { type: 'or', items };
}
