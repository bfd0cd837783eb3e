import { readdirSync, readFileSync } from 'node:fs';
import { RE2JS } from 're2js';
import ts from 'typescript';
import { describe, expect, it, vi } from 'vitest';
import { eventFactory } from '../../tests/fixtures/detection-events.ts';
import { DETECTION_PATTERNS } from './detection-patterns.ts';
import { RANSOMWARE_PATTERNS, ransomware } from './detectors/ransomware.ts';
import { LinearRegex } from './linear-regex.ts';

const HERE = new URL('./', import.meta.url);
/** The engine's own sources: what runs on attacker-controlled text (tests and test helpers excluded). */
const SOURCES = readdirSync(HERE, { recursive: true, encoding: 'utf8' })
  .filter((path) => path.endsWith('.ts') && !path.endsWith('.test.ts') && !path.startsWith('test-support'))
  .map((path) => ({ path, ast: ts.createSourceFile(path, readFileSync(new URL(path, HERE), 'utf8'), ts.ScriptTarget.Latest) }));

function nodesOf(ast: ts.SourceFile, keep: (node: ts.Node) => boolean): ts.Node[] {
  const found: ts.Node[] = [];
  const visit = (node: ts.Node) => {
    if (keep(node)) found.push(node);
    ts.forEachChild(node, visit);
  };
  visit(ast);
  return found;
}

describe('detection patterns run on the linear-time engine', () => {
  it.each(DETECTION_PATTERNS.map((p) => [`${p.owner}: ${p.name}`, p.re] as const))('%s compiles on re2js and matches through it', (_, re) => {
    expect(re).toBeInstanceOf(LinearRegex);
    expect(re.engine).toBeInstanceOf(RE2JS);
    expect(() => RE2JS.compile(re.re2Source, re.flags === 'i' ? RE2JS.CASE_INSENSITIVE : 0)).not.toThrow();
    const engineTest = vi.spyOn(re.engine, 'test');
    re.test('probe');
    expect(engineTest).toHaveBeenCalledWith('probe');
    engineTest.mockRestore();
  });

  it('has no RegExp (literal or constructor) left in the engine sources', () => {
    const offenders = SOURCES.flatMap(({ path, ast }) =>
      nodesOf(ast, (n) => n.kind === ts.SyntaxKind.RegularExpressionLiteral || (ts.isIdentifier(n) && n.text === 'RegExp')).map(
        (n) => `${path}: ${n.getText(ast)}`,
      ),
    );
    expect(offenders).toEqual([]);
  });

  it('lists every pattern the sources compile (one per linearRegex call)', () => {
    const calls = SOURCES.filter(({ path }) => path !== 'linear-regex.ts').flatMap(({ path, ast }) =>
      nodesOf(ast, (n) => (ts.isCallExpression(n) || ts.isNewExpression(n)) && ['linearRegex', 'LinearRegex'].includes(n.expression.getText(ast))).map(
        (n) => `${path}:${ast.getLineAndCharacterOfPosition(n.getStart(ast)).line + 1}`,
      ),
    );
    expect(new Set(DETECTION_PATTERNS.map((p) => p.re)).size).toBe(calls.length);
  });
});

describe('ReDoS regression: the ransomware mass-rename pattern', () => {
  const massRename = RANSOMWARE_PATTERNS.find((p) => p.name === 'mass rename to a ransom extension')?.re as LinearRegex;
  // loop keyword, rename verb and a dot, again and again, never the ransom extension: the old backtracking pattern
  // (LOOP.*\b(?:mv|…)\b.*\.(?:locked|…)\b) tried every loop × verb × dot triple, seconds for these 8 KB
  const worstCase = (chars: number) => 'for mv.'.repeat(Math.ceil(chars / 7)).slice(0, chars);

  it('evaluates the 8 KB honeypot line, and a 1 MB one, without a match', () => {
    expect(worstCase(8192)).toHaveLength(8192);
    expect(massRename.test(worstCase(8192))).toBe(false);
    expect(massRename.test(worstCase(1 << 20))).toBe(false);
  });

  it('still matches once the extension comes, and the detector handles the 8 KB line end to end', () => {
    expect(massRename.test(`${worstCase(8192)} x.locked`)).toBe(true);
    expect(massRename.test('for f in *; do mv "$f" "$f.locked"; done')).toBe(true);
    const f = eventFactory();
    expect(ransomware.prefilter(f.cowrie('cowrie.command.input', 0, { input: worstCase(8192) }))).toBe(false);
  });
});
