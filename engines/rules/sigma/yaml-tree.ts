import { type Document, isAlias, isMap, isPair, isScalar, isSeq, type LineCounter, type Node, Scalar } from 'yaml';
import type { RuleProblem } from '../types.ts';

/**
 * A YAML document as a plain tree that remembers where each node came from, so every later problem can name the line
 * and column, and nothing past the parser depends on the `yaml` package's node classes.
 */
export type SourcePos = { line: number; column: number };

export type SigmaScalar = {
  kind: 'scalar';
  /** as YAML resolved it (core schema): `4688` is a number, `'4688'` a string */
  value: string | number | boolean | null;
  /** the text as written for plain (unquoted) scalars: `0x17` resolves to 23 but is kept as written too */
  source: string;
  quoted: boolean;
  pos: SourcePos;
};
export type SigmaMapEntry = { key: string; keyPos: SourcePos; value: SigmaNode };
export type SigmaMap = { kind: 'map'; entries: SigmaMapEntry[]; pos: SourcePos };
export type SigmaSeq = { kind: 'seq'; items: SigmaNode[]; pos: SourcePos };
export type SigmaNode = SigmaScalar | SigmaMap | SigmaSeq;

/**
 * Aliases are resolved in place while the tree is built (yaml's maxAliasCount only guards toJS, which is not used):
 * this many resolutions per document at most, so a billion-laughs document stops early.
 */
const MAX_ALIAS_RESOLUTIONS = 16;
const MAX_DEPTH = 64;

export const problemAt = (construct: string, message: string, pos: SourcePos | null): RuleProblem => ({
  construct,
  message,
  line: pos?.line ?? null,
  column: pos?.column ?? null,
});

type TreeState = { doc: Document; lines: LineCounter; aliases: number; problems: RuleProblem[] };

function posOf(state: TreeState, node: Node | null | undefined): SourcePos {
  const offset = node?.range?.[0] ?? 0;
  const { line, col } = state.lines.linePos(offset);
  return { line, column: col };
}

function toTree(state: TreeState, node: unknown, depth: number): SigmaNode | null {
  if (depth > MAX_DEPTH) {
    state.problems.push(problemAt('yaml', `nesting deeper than ${MAX_DEPTH} levels`, posOf(state, node as Node)));
    return null;
  }
  if (isAlias(node)) {
    state.aliases++;
    const target = node.resolve(state.doc);
    if (state.aliases > MAX_ALIAS_RESOLUTIONS || !target) {
      const why = target ? `more than ${MAX_ALIAS_RESOLUTIONS} alias resolutions` : `unknown anchor '${node.source}'`;
      state.problems.push(problemAt('yaml alias', why, posOf(state, node)));
      return null;
    }
    return toTree(state, target, depth + 1);
  }
  if (isScalar(node)) return scalarOf(state, node);
  if (isSeq(node)) {
    const items: SigmaNode[] = [];
    for (const item of node.items) {
      const converted = toTree(state, item, depth + 1);
      if (converted) items.push(converted);
    }
    return { kind: 'seq', items, pos: posOf(state, node) };
  }
  if (isMap(node)) {
    const entries: SigmaMapEntry[] = [];
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const keyNode = pair.key;
      if (!isScalar(keyNode) || typeof keyNode.value === 'object') {
        state.problems.push(problemAt('yaml key', 'a map key must be a plain value', posOf(state, keyNode as Node)));
        continue;
      }
      const value = pair.value === null ? nullScalar(posOf(state, keyNode)) : toTree(state, pair.value, depth + 1);
      if (value) entries.push({ key: String(keyNode.value), keyPos: posOf(state, keyNode), value });
    }
    return { kind: 'map', entries, pos: posOf(state, node) };
  }
  if (node === null || node === undefined) return null;
  state.problems.push(problemAt('yaml', 'unsupported YAML node', posOf(state, node as Node)));
  return null;
}

const nullScalar = (pos: SourcePos): SigmaScalar => ({ kind: 'scalar', value: null, source: '', quoted: false, pos });

function scalarOf(state: TreeState, node: Scalar): SigmaScalar | null {
  const pos = posOf(state, node);
  const raw = node.value;
  const quoted = node.type !== Scalar.PLAIN && node.type !== undefined;
  if (raw === null || typeof raw === 'string' || typeof raw === 'boolean') {
    return { kind: 'scalar', value: raw, source: typeof node.source === 'string' ? node.source : String(raw ?? ''), quoted, pos };
  }
  if (typeof raw === 'number') return { kind: 'scalar', value: raw, source: typeof node.source === 'string' ? node.source : String(raw), quoted, pos };
  if (typeof raw === 'bigint') return { kind: 'scalar', value: String(raw), source: String(raw), quoted, pos };
  state.problems.push(problemAt('yaml', `unsupported scalar of type ${typeof raw}`, pos));
  return null;
}

/** The tree of one parsed document, with the problems found on the way (alias limits, odd keys). */
export function documentTree(doc: Document, lines: LineCounter): { tree: SigmaNode | null; problems: RuleProblem[] } {
  const state: TreeState = { doc, lines, aliases: 0, problems: [] };
  const tree = toTree(state, doc.contents, 0);
  return { tree, problems: state.problems };
}

export const entryOf = (map: SigmaMap, key: string): SigmaMapEntry | undefined => map.entries.find((entry) => entry.key === key);

/** The plain JavaScript value of a node (for metadata and error messages). */
export function plainValue(node: SigmaNode): unknown {
  if (node.kind === 'scalar') return node.value;
  if (node.kind === 'seq') return node.items.map(plainValue);
  return Object.fromEntries(node.entries.map((entry) => [entry.key, plainValue(entry.value)]));
}
