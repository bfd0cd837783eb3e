import type { ExpandColumn, Expr, MakeSeriesOp, MvApplyOp, NamedExpr, TabularOperator } from '../ast.ts';
import type { Token } from '../tokens.ts';
import type { Cursor } from './cursor.ts';
import { grammar } from './grammar.ts';

/** `make-series [kind=nonempty] Agg [default=v], … on Axis (from a)? (to b)? step s | in range(a, b, s) [by …]`. */
export function parseMakeSeries(c: Cursor, token: Token): MakeSeriesOp {
  let seriesKind: MakeSeriesOp['seriesKind'] = null;
  while (grammar.isOptionAhead(c) && (c.isName('kind') || c.isName('hint'))) {
    const { key, value } = grammar.parseOption(c, ['kind']);
    if (key === 'kind') {
      if (value.text !== 'nonempty') c.fail(["'nonempty'"], value);
      seriesKind = 'nonempty';
    }
  }
  const aggregates: MakeSeriesOp['aggregates'] = [];
  do {
    const start = c.peek();
    const column = grammar.parseNamedExpr(c);
    aggregates.push({ column, default: parseSeriesDefault(c), span: c.spanFrom(start) });
  } while (c.acceptOp(','));
  c.expectName('on');
  const axis = c.expectIdentifier('the axis column');
  const on: Expr = { kind: 'name', name: axis.name, span: axis.span };
  const range = c.acceptName('in') ? parseInRange(c) : parseFromToStep(c);
  const by: NamedExpr[] = c.acceptName('by') ? grammar.parseList(c, '|', grammar.parseNamedExpr) : [];
  return { kind: 'make-series', seriesKind, aggregates, on, ...range, by, span: c.spanFrom(token) };
}

/** `default = value` after a make-series aggregate, or null. */
function parseSeriesDefault(c: Cursor): Expr | null {
  if (!c.isName('default') || !c.isOp('=', 1)) return null;
  c.next();
  c.next();
  return grammar.parseExpr(c);
}

type SeriesRange = Pick<MakeSeriesOp, 'from' | 'to' | 'step' | 'rangeSyntax'>;

function parseInRange(c: Cursor): SeriesRange {
  c.expectName('range');
  c.expectOp('(');
  const from = grammar.parseExpr(c);
  c.expectOp(',');
  const to = grammar.parseExpr(c);
  c.expectOp(',');
  const step = grammar.parseExpr(c);
  c.expectOp(')');
  return { from, to, step, rangeSyntax: 'in-range' };
}

function parseFromToStep(c: Cursor): SeriesRange {
  const from = c.acceptName('from') ? grammar.parseExpr(c) : null;
  const to = c.acceptName('to') ? grammar.parseExpr(c) : null;
  if (!c.isName('step')) c.fail(from || to ? ["'step'"] : ["'from'", "'to'", "'step'", "'in'"]);
  c.next();
  return { from, to, step: grammar.parseExpr(c), rangeSyntax: 'from-to-step' };
}

/** `mv-apply [with_itemindex=I] cols [limit N] on (operator | …)`. */
export function parseMvApply(c: Cursor, token: Token): MvApplyOp {
  let itemIndex: string | null = null;
  for (;;) {
    if (c.isName('hint') && grammar.isOptionAhead(c)) grammar.parseOption(c);
    else if (c.isName('with_itemindex') && c.isOp('=', 1)) itemIndex = grammar.parseOption(c).value.text;
    else break;
  }
  const columns: ExpandColumn[] = grammar.parseList(c, '|', grammar.parseExpandColumn);
  const limit = c.acceptName('limit') ? grammar.parseExpr(c) : null;
  c.expectName('on');
  c.expectOp('(');
  const subquery: TabularOperator[] = [grammar.parseOperator(c)];
  while (c.acceptOp('|')) subquery.push(grammar.parseOperator(c));
  c.expectOp(')');
  return { kind: 'mv-apply', columns, itemIndex, limit, subquery, span: c.spanFrom(token) };
}
