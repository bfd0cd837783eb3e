import type { Expr, FunctionParam, LetFunction, LetStatement, TabularExpr } from '../ast.ts';
import type { Token } from '../tokens.ts';
import type { Cursor } from './cursor.ts';
import { grammar } from './grammar.ts';

/**
 * `[view] (a:string, n:long = 5, T:(x:long)) { [let …;]* value [;] }` after `let f =`. Parameters and the body's own
 * lets are visible only inside the body; the body's last statement (scalar or tabular) is the function's value.
 */
export function parseLetFunction(c: Cursor, start: Token, name: string): LetFunction {
  const view = c.acceptName('view') !== null;
  c.expectOp('(');
  const params = grammar.parseList(c, ')', parseParam);
  c.expectOp(')');
  const bodyStart = c.expectOp('{');
  const restore = c.openScope();
  try {
    for (const param of params) c.bind(param.name, param.type.kind === 'scalar' ? 'scalar' : 'tabular');
    const { lets, value } = parseBodyStatements(c);
    c.expectOp('}');
    return { kind: 'let-function', name, view, params, body: { lets, value, span: c.spanFrom(bodyStart) }, span: c.spanFrom(start) };
  } finally {
    restore();
  }
}

function parseBodyStatements(c: Cursor): { lets: LetStatement[]; value: LetFunction['body']['value'] } {
  const lets: LetStatement[] = [];
  let value: LetFunction['body']['value'] | null = null;
  while (!c.isOp('}')) {
    if (c.acceptOp(';')) continue;
    if (c.isName('let')) lets.push(grammar.parseLet(c));
    else {
      const statementStart = c.peek();
      const statement = grammar.startsTabular(c) ? tabular(grammar.parseTabular(c)) : scalar(grammar.parseExpr(c));
      if (value) c.unsupportedAt('multiple statements in a function body', c.spanFrom(statementStart), 'are valid KQL that Vigil does not run');
      value ??= statement;
    }
    if (!c.isOp('}') && !c.isOp(';')) c.fail(["';'", "'}'"]);
  }
  if (!value) return c.fail(['an expression or a tabular expression']);
  return { lets, value };
}

const tabular = (query: TabularExpr) => ({ kind: 'tabular' as const, query });
const scalar = (expr: Expr) => ({ kind: 'scalar' as const, expr });

/** `name:type [= default]` or a tabular `T:(col:type, …)` / `T:(*)`. */
function parseParam(c: Cursor): FunctionParam {
  const start = c.peek();
  const { name } = c.expectIdentifier('a parameter name');
  c.expectOp(':');
  if (c.acceptOp('(')) {
    let anyColumns = false;
    const columns = [];
    do {
      if (c.acceptOp('*')) anyColumns = true;
      else {
        const column = c.peek();
        const { name: columnName } = c.expectIdentifier('a column name');
        c.expectOp(':');
        const type = grammar.parseTypeName(c);
        columns.push({ name: columnName, type, span: c.spanFrom(column) });
      }
    } while (c.acceptOp(','));
    c.expectOp(')');
    return { name, type: { kind: 'tabular', columns, anyColumns }, default: null, span: c.spanFrom(start) };
  }
  const type = grammar.parseTypeName(c);
  const fallback = c.acceptOp('=') ? grammar.parseExpr(c) : null;
  return { name, type: { kind: 'scalar', type }, default: fallback, span: c.spanFrom(start) };
}
