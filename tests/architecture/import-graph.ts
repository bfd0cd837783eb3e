import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';

export type ImportEdge = { from: string; to: string; typeOnly: boolean };

const SOURCE_DIRS = ['core', 'db', 'engines', 'services', 'routers', 'jobs', 'server', 'scripts', 'clients', 'migrations', 'tests'];
const IMPORT = /^\s*(import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?'(\.{1,2}\/[^']+)'/gm;
const DYNAMIC_IMPORT = /import\(\s*'(\.{1,2}\/[^']+)'\s*\)/g;

export const isTestFile = (file: string): boolean => /\.test\.ts$/.test(file) || file.startsWith('tests/');

function listSources(root: string, dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' || entry.name.startsWith('.') ? [] : listSources(root, path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** Parses the source's relative imports, so the rules see files as the tree has them (no build, no config). */
export function importsOf(file: string, source: string): ImportEdge[] {
  const target = (spec: string) => normalize(join(dirname(file), spec));
  const edges = [...source.matchAll(IMPORT)].map((m) => ({ from: file, to: target(m[3] ?? ''), typeOnly: m[2] !== undefined }));
  const dynamic = [...source.matchAll(DYNAMIC_IMPORT)].map((m) => ({ from: file, to: target(m[1] ?? ''), typeOnly: false }));
  return [...edges, ...dynamic];
}

export function readImportGraph(root: string): { files: Map<string, string>; edges: ImportEdge[] } {
  const files = new Map<string, string>();
  for (const dir of SOURCE_DIRS) for (const file of listSources(root, dir)) files.set(file, readFileSync(join(root, file), 'utf8'));
  const edges = [...files].flatMap(([file, source]) => importsOf(file, source));
  return { files, edges };
}

/** Every import cycle, each once, as the list of files around it. */
export function findCycles(edges: readonly ImportEdge[]): string[][] {
  const next = new Map<string, string[]>();
  for (const edge of edges) next.set(edge.from, [...(next.get(edge.from) ?? []), edge.to]);
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  const visit = (file: string): void => {
    state.set(file, 'open');
    stack.push(file);
    for (const to of next.get(file) ?? []) {
      if (state.get(to) === 'open') cycles.push(stack.slice(stack.indexOf(to)));
      else if (!state.has(to)) visit(to);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of next.keys()) if (!state.has(file)) visit(file);
  return cycles;
}

export const relativeTo = (root: string, file: string): string => relative(root, file);
