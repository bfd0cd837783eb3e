import { sql } from 'kysely';
import type { BinaryExpr, Expr, SetExpr, StringOp, TabularExpr } from '../ast.ts';
import type { CheckedQuery, ExprType, Schema } from '../check/types.ts';
import { KqlError } from '../diagnostics.ts';
import { asText, comparablePair, convert } from './convert.ts';
import { type CallCompiler, compileCall } from './functions.ts';
import { checkedRegex, escapeLike, termRegex } from './regex.ts';
import { literalSql, type Sql } from './types.ts';

export interface ExprEnv {
  checked: CheckedQuery;
  /** A reference to a column of the input row. */
  column: (name: string) => Sql;
  schema: Schema;
  /** The SELECT of a tabular operand (`in (T | project x)`), its first column named `v`. */
  subquery: (query: TabularExpr) => Sql;
  /** `where` conjuncts the table scan already applies exactly (sql/index-hints.ts): compiled as `true`. */
  satisfied: ReadonlySet<Expr>;
}

export function typeIn(env: ExprEnv, expr: Expr): ExprType {
  return env.checked.types.get(expr) ?? 'null';
}

/** The constant text of a literal or of a `let` bound to one, else null. */
export function constantText(env: ExprEnv, expr: Expr): string | null {
  if (expr.kind === 'literal') return expr.type === 'string' ? String(expr.value) : null;
  if (expr.kind === 'name') {
    const binding = env.checked.names.get(expr);
    if (binding?.kind === 'let') return constantText(env, binding.let.value.expr);
  }
  return null;
}

export function compileExpr(env: ExprEnv, expr: Expr): Sql {
  switch (expr.kind) {
    case 'literal':
      return literalSql(expr);
    case 'name': {
      const binding = env.checked.names.get(expr);
      if (binding?.kind === 'let') return compileExpr(env, binding.let.value.expr);
      return env.column(expr.name);
    }
    case 'member':
      return sql`(${compileExpr(env, expr.target)} -> ${expr.name}::text)`;
    case 'index': {
      const index = typeIn(env, expr.index);
      const key = index === 'string' ? sql`${compileExpr(env, expr.index)}::text` : sql`${compileExpr(env, expr.index)}::int`;
      return sql`(${compileExpr(env, expr.target)} -> ${key})`;
    }
    case 'call':
      return compileCall(callCompiler(env), expr);
    case 'unary':
      return expr.op === '-' ? sql`(-(${compileExpr(env, expr.operand)}))` : compileExpr(env, expr.operand);
    case 'binary':
      return compileBinary(env, expr);
    case 'set':
      return compileSet(env, expr);
    case 'between': {
      const left = compileExpr(env, expr.left);
      const low = compileExpr(env, expr.low);
      const highType = typeIn(env, expr.high);
      const high =
        typeIn(env, expr.left) === 'datetime' && highType === 'timespan' ? sql`(${low} + ${compileExpr(env, expr.high)})` : compileExpr(env, expr.high);
      const test = sql`(${left} between ${low} and ${high})`;
      return expr.negated ? sql`(not ${test})` : test;
    }
    case 'toscalar':
      throw new KqlError({ type: 'UNSUPPORTED_OPERATOR', message: 'toscalar() is not supported', span: expr.span, construct: 'toscalar()' });
    case 'star':
      throw new KqlError({
        type: 'UNSUPPORTED_OPERATOR',
        message: '* is supported only as `* has "term"` in where and search',
        span: expr.span,
        construct: '*',
      });
  }
}

function callCompiler(env: ExprEnv): CallCompiler {
  return {
    compile: (expr) => compileExpr(env, expr),
    bool: (expr) => asBool(env, expr),
    text: (expr) => textOf(env, expr),
    constant: (expr) => constantText(env, expr),
    type: (expr) => typeIn(env, expr),
  };
}

export function asBool(env: ExprEnv, expr: Expr): Sql {
  const type = typeIn(env, expr);
  return type === 'dynamic' ? convert(compileExpr(env, expr), 'dynamic', 'bool') : compileExpr(env, expr);
}

export function textOf(env: ExprEnv, expr: Expr): Sql {
  return asText(compileExpr(env, expr), typeIn(env, expr));
}

function compileBinary(env: ExprEnv, expr: BinaryExpr): Sql {
  const lt = typeIn(env, expr.left);
  const rt = typeIn(env, expr.right);
  switch (expr.op) {
    case 'and':
    case 'or':
      return sql`(${asBool(env, expr.left)} ${sql.raw(expr.op)} ${asBool(env, expr.right)})`;
    case '==':
    case '!=':
    case '<>':
    case '<':
    case '<=':
    case '>':
    case '>=': {
      const [left, right] = comparablePair(compileExpr(env, expr.left), lt, compileExpr(env, expr.right), rt);
      const op = expr.op === '==' ? '=' : expr.op === '!=' ? '<>' : expr.op;
      const collate = lt === 'string' && rt === 'string' && op !== '=' && op !== '<>' ? sql.raw(' collate "C"') : sql.raw('');
      return sql`(${left}${collate} ${sql.raw(op)} ${right})`;
    }
    case '+':
    case '-':
    case '*':
    case '/':
    case '%':
      return arithmetic(env, expr, lt, rt);
    default:
      return stringOp(env, expr.op, expr.left, expr.right, expr);
  }
}

function arithmetic(env: ExprEnv, expr: BinaryExpr, lt: ExprType, rt: ExprType): Sql {
  const left = compileExpr(env, expr.left);
  const right = compileExpr(env, expr.right);
  if (lt === 'timespan' && rt === 'timespan' && expr.op === '/')
    return sql`(extract(epoch from ${left})::double precision / nullif(extract(epoch from ${right})::double precision, 0))`;
  if (lt === 'timespan' && rt === 'timespan' && expr.op === '%')
    return sql`((extract(epoch from ${left})::numeric % nullif(extract(epoch from ${right})::numeric, 0))::double precision * interval '1 second')`;
  if (expr.op === '/') return sql`(${left} / nullif(${right}, 0))`;
  if (expr.op === '%')
    return lt === 'real' || rt === 'real' ? sql`((${left})::numeric % nullif((${right})::numeric, 0))::double precision` : sql`(${left} % nullif(${right}, 0))`;
  return sql`(${left} ${sql.raw(expr.op)} ${right})`;
}

const NEGATED = (op: string): boolean => op.startsWith('!');

/** The string operators with KQL's semantics: terms on alphanumeric boundaries, case-insensitive unless `_cs`. */
export function stringOp(env: ExprEnv, op: StringOp, leftExpr: Expr, rightExpr: Expr, at: Expr): Sql {
  const left = textOf(env, leftExpr);
  const base = (NEGATED(op) ? op.slice(1) : op) as StringOp;
  const constant = constantText(env, rightExpr);
  const right = textOf(env, rightExpr);
  let test: Sql;
  switch (base) {
    case '=~':
      test = sql`(lower(${left}) = lower(${right}))`;
      break;
    case 'has':
    case 'has_cs':
    case 'hasprefix':
    case 'hasprefix_cs':
    case 'hassuffix':
    case 'hassuffix_cs': {
      const cs = base.endsWith('_cs');
      const kind = base.replace('_cs', '');
      const edges = { start: kind !== 'hassuffix', end: kind !== 'hasprefix' };
      const regex = constant !== null ? sql`${termRegex(constant, edges)}::text` : termRegexSql(right, edges);
      const prefilter = constant !== null ? sql`(${left} ${sql.raw(cs ? 'like' : 'ilike')} ${`%${escapeLike(constant)}%`}::text) and ` : sql``;
      test = constant === '' ? sql`true` : sql`(${prefilter}${left} ${sql.raw(cs ? '~' : '~*')} ${regex})`;
      break;
    }
    case 'contains':
    case 'contains_cs':
    case 'startswith':
    case 'startswith_cs':
    case 'endswith':
    case 'endswith_cs': {
      const cs = base.endsWith('_cs');
      const kind = base.replace('_cs', '');
      const pattern =
        constant !== null
          ? sql`${kind === 'startswith' ? `${escapeLike(constant)}%` : kind === 'endswith' ? `%${escapeLike(constant)}` : `%${escapeLike(constant)}%`}::text`
          : likeSql(right, kind);
      test = sql`(${left} ${sql.raw(cs ? 'like' : 'ilike')} ${pattern})`;
      break;
    }
    case 'matches regex': {
      const pattern = constantText(env, rightExpr);
      if (pattern === null)
        throw new KqlError({ type: 'UNSUPPORTED_OPERATOR', message: 'matches regex needs a constant pattern', span: at.span, construct: 'matches regex' });
      test = sql`(${left} ~ ${checkedRegex(pattern, rightExpr.span)}::text)`;
      break;
    }
    default:
      throw new KqlError({ type: 'UNSUPPORTED_OPERATOR', message: `operator ${op} is not supported`, span: at.span, construct: op });
  }
  return NEGATED(op) ? sql`(not ${test})` : test;
}

function escapedLikeSql(value: Sql): Sql {
  return sql`replace(replace(replace(${value}, '\\', '\\\\'), '%', '\\%'), '_', '\\_')`;
}

function likeSql(value: Sql, kind: string): Sql {
  const escaped = escapedLikeSql(value);
  if (kind === 'startswith') return sql`(${escaped} || '%')`;
  if (kind === 'endswith') return sql`('%' || ${escaped})`;
  return sql`('%' || ${escaped} || '%')`;
}

function termRegexSql(value: Sql, edges: { start: boolean; end: boolean }): Sql {
  const escaped = sql`regexp_replace(${value}, '([\\^$.|?*+()\\[\\]{}-])', '\\\\\\1', 'g')`;
  return sql`(${edges.start ? '(^|[^[:alnum:]])' : ''}::text || ${escaped} || ${edges.end ? '($|[^[:alnum:]])' : ''}::text)`;
}

function compileSet(env: ExprEnv, expr: SetExpr): Sql {
  const lt = typeIn(env, expr.left);
  if (!Array.isArray(expr.values)) {
    const sub = env.subquery(expr.values);
    const left = compileExpr(env, expr.left);
    const caseless = expr.op === 'in~' || expr.op === '!in~';
    const test = caseless
      ? sql`coalesce(lower(${asText(left, lt)}) in (select lower(v::text) from (${sub}) as q where v is not null), false)`
      : sql`coalesce(${left} in (select v from (${sub}) as q where v is not null), false)`;
    return expr.op.startsWith('!') ? sql`(not ${test})` : test;
  }
  const values = expr.values;
  switch (expr.op) {
    case 'in':
    case '!in': {
      const left = compileExpr(env, expr.left);
      const items = values.map((value) => comparablePair(left, lt, compileExpr(env, value), typeIn(env, value))[1]);
      const leftSide = lt === 'dynamic' ? comparablePair(left, lt, items[0] ?? sql`null`, typeIn(env, values[0] as Expr))[0] : left;
      const test = sql`coalesce(${leftSide} in (${sql.join(items)}), false)`;
      return expr.op === 'in' ? test : sql`(not ${test})`;
    }
    case 'in~':
    case '!in~': {
      const left = textOf(env, expr.left);
      const items = values.map((value) => sql`lower(${textOf(env, value)})`);
      const test = sql`(lower(${left}) in (${sql.join(items)}))`;
      return expr.op === 'in~' ? test : sql`(not ${test})`;
    }
    case 'has_any':
    case 'has_all': {
      const tests = values.map((value) => stringOp(env, 'has', expr.left, value, expr));
      if (tests.length === 0) return sql`${expr.op === 'has_all'}::boolean`;
      return sql`(${sql.join(tests, sql.raw(expr.op === 'has_any' ? ' or ' : ' and '))})`;
    }
  }
}
