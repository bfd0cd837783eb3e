import type { Logsource, RuleLevel, RuleMeta, RuleProblem } from '../types.ts';
import { entryOf, problemAt, type SigmaMap, type SigmaNode } from './yaml-tree.ts';

const LEVELS: readonly RuleLevel[] = ['informational', 'low', 'medium', 'high', 'critical'];
const LOGSOURCE_KEYS = ['product', 'category', 'service', 'definition'] as const;
const SIGMAHQ_BLOB = 'https://github.com/SigmaHQ/sigma/blob/master/';

const scalarText = (node: SigmaNode | undefined): string | null =>
  node?.kind === 'scalar' && node.value !== null && node.value !== '' ? (typeof node.value === 'string' ? node.value : node.source) : null;

/** A list of strings; a single string counts as a list of one (rules in the wild write `falsepositives: Unknown`). */
function textList(node: SigmaNode | undefined): string[] {
  if (!node) return [];
  if (node.kind === 'seq') return node.items.map(scalarText).filter((text): text is string => text !== null);
  const text = scalarText(node);
  return text === null ? [] : [text];
}

/**
 * The link to a rule's source: SigmaHQ's rule folders (`rules/`, `rules-emerging-threats/`…) map to the rule on
 * github.com, whether the path is relative to the repository or runs through a checkout named `sigma`/`…-sigma`.
 */
export function sigmaHqLink(sourcePath: string | undefined): string | null {
  if (!sourcePath) return null;
  const segments = sourcePath.replaceAll('\\', '/').split('/');
  const rulesAt = segments.findIndex((segment, index) => /^rules(-[a-z-]+)?$/.test(segment) && (index === 0 || /sigma$/i.test(segments[index - 1] ?? '')));
  if (rulesAt < 0 || rulesAt === segments.length - 1) return null;
  return SIGMAHQ_BLOB + segments.slice(rulesAt).map(encodeURIComponent).join('/');
}

export function readLogsource(node: SigmaNode | undefined, problems: RuleProblem[]): Logsource {
  const logsource: Logsource = {};
  if (node?.kind !== 'map') return logsource;
  for (const key of LOGSOURCE_KEYS) {
    const entry = entryOf(node, key);
    if (!entry) continue;
    const text = scalarText(entry.value);
    if (text === null) problems.push(problemAt('logsource', `logsource.${key} must be a string`, entry.keyPos));
    else logsource[key] = key === 'definition' ? text : text.toLowerCase();
  }
  return logsource;
}

/**
 * The metadata of a rule, filter or correlation document. A missing `id` falls back to `name`, then to the title, so
 * every rule has a stable key; a missing `level` is `medium` (Sigma's level is optional).
 */
export function readMeta(tree: SigmaMap, sourcePath: string | undefined): { meta: RuleMeta; problems: RuleProblem[] } {
  const problems: RuleProblem[] = [];
  const field = (key: string) => entryOf(tree, key)?.value;
  const title = scalarText(field('title'));
  if (title === null) problems.push(problemAt('title', 'a rule needs a title', tree.pos));
  const levelText = scalarText(field('level'))?.toLowerCase() ?? 'medium';
  const level = LEVELS.find((candidate) => candidate === levelText);
  if (!level) problems.push(problemAt('level', `unknown level '${levelText}' (one of ${LEVELS.join(', ')})`, entryOf(tree, 'level')?.keyPos ?? tree.pos));
  const references = textList(field('references'));
  const author = field('author');
  const name = scalarText(field('name'));
  const meta: RuleMeta = {
    id: scalarText(field('id')) ?? name ?? title ?? '',
    name,
    title: title ?? '',
    description: scalarText(field('description')),
    author: author?.kind === 'seq' ? textList(author).join(', ') || null : scalarText(author),
    references,
    link: sigmaHqLink(sourcePath) ?? references[0] ?? null,
    license: scalarText(field('license')),
    status: scalarText(field('status')),
    level: level ?? 'medium',
    tags: textList(field('tags')),
    falsepositives: textList(field('falsepositives')),
    logsource: readLogsource(field('logsource'), problems),
  };
  return { meta, problems };
}
