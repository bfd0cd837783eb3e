import type { CorrelationType, RuleMeta, RuleProblem } from '../types.ts';
import { entryOf, problemAt, type SigmaMap, type SigmaNode, type SourcePos } from './yaml-tree.ts';

/**
 * A validated Sigma correlation document, still in Sigma's terms (rule references by id or name, field names not yet
 * mapped): the correlation engine resolves the references and maps the fields into a CorrelationSpec.
 */
export type SigmaCorrelationDocument = {
  kind: 'correlation';
  documentIndex: number;
  pos: SourcePos;
  meta: RuleMeta;
  type: CorrelationType;
  /** referenced rules by `id` or `name`, in the written order (the order matters for temporal_ordered) */
  rules: Array<{ ref: string; pos: SourcePos }>;
  /** `group-by` fields (Sigma field names or alias names) */
  groupBy: Array<{ field: string; pos: SourcePos }>;
  timespan: { text: string; ms: number; pos: SourcePos };
  /** the count test; absent for temporal/temporal_ordered without a condition */
  condition: { gt?: number; gte?: number; lt?: number; lte?: number; eq?: number; field?: string; pos: SourcePos } | null;
  /** Sigma `generate`: whether the referenced rules also raise their own alerts (default false) */
  generate: boolean;
  /** alias name → (referenced rule name → field name in that rule's events) */
  aliases: Array<{ alias: string; pos: SourcePos; fieldByRule: Record<string, string> }>;
};

const TYPES: readonly CorrelationType[] = ['event_count', 'value_count', 'temporal', 'temporal_ordered'];
const UNIT_MS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const COUNT_KEYS = ['gt', 'gte', 'lt', 'lte', 'eq'] as const;

const textOf = (node: SigmaNode | undefined): string | null =>
  node?.kind === 'scalar' && node.value !== null && node.value !== '' ? (typeof node.value === 'string' ? node.value : node.source) : null;

function textItems(node: SigmaNode, construct: string, problems: RuleProblem[]): Array<{ text: string; pos: SourcePos }> {
  const items = node.kind === 'seq' ? node.items : [node];
  const out: Array<{ text: string; pos: SourcePos }> = [];
  for (const item of items) {
    const text = textOf(item);
    if (text === null) problems.push(problemAt(construct, `${construct} must list strings`, item.pos));
    else out.push({ text, pos: item.pos });
  }
  return out;
}

/** `90m`, `1h`, `10s`, `1d` (a number and one lower-case unit letter, as the specification writes it). */
export function timespanMs(text: string): number | null {
  const match = /^(\d{1,9})([smhd])$/.exec(text.trim());
  if (!match) return null;
  const ms = Number(match[1]) * (UNIT_MS[match[2] as string] ?? 0);
  return ms > 0 ? ms : null;
}

function readCondition(entry: { value: SigmaNode; keyPos: SourcePos }, problems: RuleProblem[]): SigmaCorrelationDocument['condition'] {
  const node = entry.value;
  if (node.kind !== 'map') {
    problems.push(problemAt('correlation condition', 'the condition must be a map such as {gte: 10}', entry.keyPos));
    return null;
  }
  const condition: NonNullable<SigmaCorrelationDocument['condition']> = { pos: node.pos };
  for (const { key, keyPos, value } of node.entries) {
    const countKey = COUNT_KEYS.find((candidate) => candidate === key);
    if (countKey) {
      if (value.kind === 'scalar' && typeof value.value === 'number' && Number.isFinite(value.value)) condition[countKey] = value.value;
      else problems.push(problemAt('correlation condition', `${key} must be a number`, keyPos));
    } else if (key === 'field') {
      const field = textOf(value) ?? (value.kind === 'seq' && value.items.length === 1 ? textOf(value.items[0]) : null);
      if (field === null) problems.push(problemAt('correlation condition', 'field must be one field name', keyPos));
      else condition.field = field;
    } else {
      problems.push(problemAt('correlation condition', `unsupported condition operator '${key}'`, keyPos));
    }
  }
  if (!COUNT_KEYS.some((key) => condition[key] !== undefined)) problems.push(problemAt('correlation condition', 'the condition has no count test', node.pos));
  return condition;
}

function readAliases(node: SigmaNode, problems: RuleProblem[]): SigmaCorrelationDocument['aliases'] {
  if (node.kind !== 'map') {
    problems.push(problemAt('correlation aliases', 'aliases must be a map', node.pos));
    return [];
  }
  return node.entries.map(({ key, keyPos, value }) => {
    const fieldByRule: Record<string, string> = {};
    if (value.kind !== 'map') problems.push(problemAt('correlation aliases', `alias '${key}' must map rule names to fields`, keyPos));
    else
      for (const ruleEntry of value.entries) {
        const field = textOf(ruleEntry.value);
        if (field === null) problems.push(problemAt('correlation aliases', `alias '${key}' needs a field for rule '${ruleEntry.key}'`, ruleEntry.keyPos));
        else fieldByRule[ruleEntry.key] = field;
      }
    return { alias: key, pos: keyPos, fieldByRule };
  });
}

/** Validates the `correlation:` section of a document whose metadata was already read. */
export function readCorrelation(tree: SigmaMap, documentIndex: number, meta: RuleMeta): { document: SigmaCorrelationDocument | null; problems: RuleProblem[] } {
  const problems: RuleProblem[] = [];
  const section = entryOf(tree, 'correlation');
  if (section?.value.kind !== 'map') return { document: null, problems: [problemAt('correlation', 'correlation must be a map', section?.keyPos ?? tree.pos)] };
  const body = section.value;
  const get = (key: string) => entryOf(body, key);

  const typeEntry = get('type');
  const typeText = textOf(typeEntry?.value);
  const type = TYPES.find((candidate) => candidate === typeText);
  if (!type)
    problems.push(
      problemAt(
        'correlation type',
        typeText ? `unsupported correlation type '${typeText}'` : 'correlation.type is missing',
        typeEntry?.keyPos ?? section.keyPos,
      ),
    );

  const rulesEntry = get('rules');
  const rules = rulesEntry ? textItems(rulesEntry.value, 'correlation rules', problems).map(({ text, pos }) => ({ ref: text, pos })) : [];
  if (rules.length === 0) problems.push(problemAt('correlation rules', 'correlation.rules lists no rule', rulesEntry?.keyPos ?? section.keyPos));

  const groupEntry = get('group-by');
  const groupBy = groupEntry ? textItems(groupEntry.value, 'correlation group-by', problems).map(({ text, pos }) => ({ field: text, pos })) : [];

  const timespanEntry = get('timespan');
  const timespanText = textOf(timespanEntry?.value) ?? '';
  const ms = timespanMs(timespanText);
  if (ms === null)
    problems.push(
      problemAt('correlation timespan', `timespan '${timespanText}' is not a number followed by s, m, h or d`, timespanEntry?.keyPos ?? section.keyPos),
    );

  const conditionEntry = get('condition');
  const condition = conditionEntry ? readCondition(conditionEntry, problems) : null;
  if (!condition && (type === 'event_count' || type === 'value_count'))
    problems.push(problemAt('correlation condition', `${type} needs a condition`, conditionEntry?.keyPos ?? section.keyPos));
  if (type === 'value_count' && condition && condition.field === undefined)
    problems.push(problemAt('correlation condition', 'value_count needs condition.field', condition.pos));

  const generateNode = get('generate')?.value ?? entryOf(tree, 'generate')?.value;
  const generate = generateNode?.kind === 'scalar' && generateNode.value === true;
  const aliasesEntry = get('aliases');
  const aliases = aliasesEntry ? readAliases(aliasesEntry.value, problems) : [];

  for (const { key, keyPos } of body.entries)
    if (!['type', 'rules', 'group-by', 'timespan', 'condition', 'generate', 'aliases'].includes(key))
      problems.push(problemAt('correlation', `unknown correlation attribute '${key}'`, keyPos));

  if (problems.length > 0 || !type || ms === null) return { document: null, problems };
  return {
    document: {
      kind: 'correlation',
      documentIndex,
      pos: tree.pos,
      meta,
      type,
      rules,
      groupBy,
      timespan: { text: timespanText, ms, pos: timespanEntry?.value.pos ?? section.keyPos },
      condition,
      generate,
      aliases,
    },
    problems,
  };
}
