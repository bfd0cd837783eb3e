import type { Expr, JoinKey, JoinKind, JoinOp, LookupOp, TabularExpr } from '../ast.ts';
import type { Token } from '../tokens.ts';
import type { Cursor } from './cursor.ts';
import { grammar } from './grammar.ts';

const JOIN_KINDS = new Set<JoinKind>([
  'inner',
  'innerunique',
  'leftouter',
  'rightouter',
  'fullouter',
  'leftanti',
  'rightanti',
  'leftsemi',
  'rightsemi',
  'leftantisemi',
  'rightantisemi',
]);

export function parseJoin(c: Cursor, token: Token): JoinOp {
  let joinKind: JoinKind | null = null;
  while (grammar.isOptionAhead(c)) {
    const { key, value } = grammar.parseOption(c, ['kind']);
    if (key === 'kind') {
      if (!JOIN_KINDS.has(value.text as JoinKind)) c.fail(['a join kind'], value);
      joinKind = value.text as JoinKind;
    }
  }
  const start = c.peek();
  let right: TabularExpr;
  if (c.isOp('(')) {
    c.next();
    right = grammar.parseTabular(c);
    c.expectOp(')');
  } else right = grammar.tableOnly(c, start);
  const on: JoinKey[] = [];
  if (c.acceptName('on')) {
    for (const key of grammar.parseList(c, '|', grammar.parseExpr)) collectJoinKeys(c, key, on);
  } else if (c.acceptName('where')) {
    const predicate = grammar.parseExpr(c);
    c.unsupportedAt('join … where', predicate.span, 'is valid KQL that Vigil does not run (use join … on)');
  } else c.unsupportedAt('join without on', c.spanFrom(token), 'is valid KQL that Vigil does not run (name the keys with on)');
  return { kind: 'join', joinKind, right, on, span: c.spanFrom(token) };
}

/** `Id`, `$left.A == $right.B` (either order), several joined by `and`. */
function collectJoinKeys(c: Cursor, key: Expr, into: JoinKey[]): void {
  if (key.kind === 'name') {
    into.push({ left: key.name, right: key.name, span: key.span });
    return;
  }
  if (key.kind === 'binary' && key.op === 'and') {
    collectJoinKeys(c, key.left, into);
    collectJoinKeys(c, key.right, into);
    return;
  }
  if (key.kind === 'binary' && key.op === '==') {
    const left = sideColumn(key.left);
    const right = sideColumn(key.right);
    if (left && right && left.side !== right.side) {
      const [l, r] = left.side === '$left' ? [left, right] : [right, left];
      into.push({ left: l.name, right: r.name, span: key.span });
      return;
    }
  }
  c.unsupportedAt('join on an expression', key.span, 'is valid KQL that Vigil does not run (join keys must be columns: on A or on $left.A == $right.B)');
}

function sideColumn(expr: Expr): { side: string; name: string } | null {
  if (expr.kind !== 'member' || expr.target.kind !== 'name') return null;
  const side = expr.target.name;
  return side === '$left' || side === '$right' ? { side, name: expr.name } : null;
}

/** `lookup [kind=leftouter|inner] Right on keys` (keys as in `join`). */
export function parseLookup(c: Cursor, token: Token): LookupOp {
  let lookupKind: LookupOp['lookupKind'] = 'leftouter';
  while (grammar.isOptionAhead(c)) {
    const { key, value } = grammar.parseOption(c, ['kind']);
    if (key === 'kind') {
      if (value.text !== 'leftouter' && value.text !== 'inner') c.fail(["'leftouter'", "'inner'"], value);
      lookupKind = value.text;
    }
  }
  let right: TabularExpr;
  if (c.acceptOp('(')) {
    right = grammar.parseTabular(c);
    c.expectOp(')');
  } else right = grammar.tableOnly(c, c.peek());
  c.expectName('on');
  const on: JoinKey[] = [];
  for (const key of grammar.parseList(c, '|', grammar.parseExpr)) collectJoinKeys(c, key, on);
  return { kind: 'lookup', lookupKind, right, on, span: c.spanFrom(token) };
}
