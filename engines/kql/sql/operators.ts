import { sql } from 'kysely';
import type { Expr, JoinOp, MvExpandOp, NamedExpr, ParseOp, SortKey, SummarizeOp, TabularOperator } from '../ast.ts';
import type { Column, Schema } from '../check/types.ts';
import { KqlError } from '../diagnostics.ts';
import { type Compiler, envFor, tooLargeGuard } from './context.ts';
import { asText, convert } from './convert.ts';
import { asBool, compileExpr, type ExprEnv, stringOp, typeIn } from './expr.ts';
import { escapeRegex } from './regex.ts';
import { ORD, passThrough, type Relation } from './relation.ts';
import { anyColumnHas, unionOf } from './sources.ts';
import type { Sql } from './types.ts';

const stage = (select: Sql, schema: Schema, ordered: boolean): Relation => ({ select, schema, ordered });

/** A where/search condition; `* has "x"` and a bare term look in every string and dynamic column. */
function predicate(env: ExprEnv, expr: Expr): Sql {
  if (env.satisfied.has(expr)) return sql`true`;
  if (expr.kind === 'binary' && (expr.op === 'and' || expr.op === 'or'))
    return sql`(${predicate(env, expr.left)} ${sql.raw(expr.op)} ${predicate(env, expr.right)})`;
  if (expr.kind === 'binary' && expr.left.kind === 'star') {
    if (expr.op !== 'has' && expr.op !== 'contains')
      throw new KqlError({ type: 'UNSUPPORTED_OPERATOR', message: `* ${expr.op} is not supported (* has is)`, span: expr.span, construct: `* ${expr.op}` });
    return anyColumnHas(env, expr.right);
  }
  if (expr.kind === 'literal' && expr.type === 'string') return anyColumnHas(env, expr);
  return asBool(env, expr);
}

function sortKeySql(env: ExprEnv, key: SortKey): Sql {
  const type = typeIn(env, key.expr);
  const value = compileExpr(env, key.expr);
  const nulls = key.nulls ?? (key.direction === 'desc' ? 'last' : 'first');
  const collate = type === 'string' ? sql.raw(' collate "C"') : sql.raw('');
  return sql`${value}${collate} ${sql.raw(key.direction)} nulls ${sql.raw(nulls)}`;
}

/**
 * Sorting gives every row its position (`__ord`); later stages keep it, the final SELECT orders by it. With a limit
 * (`top`, `sort | take`, the row cap) the rows are cut by ORDER BY … LIMIT first, so PostgreSQL keeps only the top
 * rows (a top-N heap) instead of numbering the whole input.
 */
export function sorted(compiler: Compiler, input: Relation, keys: SortKey[], limit: Sql | null): Relation {
  const env = envFor(compiler, input.schema);
  const order = sql.join(
    keys.map((key) => sortKeySql(env, key)),
    sql`, `,
  );
  const names = input.schema.map((c) => c.name);
  const columns = [...names.map((name) => sql`s.${sql.id(name)} as ${sql.id(name)}`), sql`row_number() over (order by ${order}) as ${sql.id(ORD)}`];
  const rows = limit === null ? input.select : sql`select s.* from (${input.select}) as s order by ${order} limit ${limit}`;
  return stage(sql`select ${sql.join(columns)} from (${rows}) as s`, input.schema, true);
}

function projectStage(compiler: Compiler, input: Relation, output: Schema, exprs: Map<string, Expr>): Relation {
  const env = envFor(compiler, input.schema);
  const columns = output.map((column) => {
    const expr = exprs.get(column.name);
    return expr ? sql`${compileExpr(env, expr)} as ${sql.id(column.name)}` : sql`s.${sql.id(column.name)} as ${sql.id(column.name)}`;
  });
  if (input.ordered) columns.push(sql`s.${sql.id(ORD)} as ${sql.id(ORD)}`);
  return stage(sql`select ${sql.join(columns)} from (${input.select}) as s`, output, input.ordered);
}

/** One stage per extended column: a later expression may use a column extended before it (`extend a = 1, b = a + 1`). */
function extendStages(compiler: Compiler, input: Relation, columns: NamedExpr[]): Relation {
  let relation = input;
  for (const named of columns) {
    const name = compiler.checked.outputNames.get(named) ?? '';
    const type = compiler.checked.types.get(named.expr);
    const column: Column = { name, type: type === undefined || type === 'null' ? 'string' : type };
    const exists = relation.schema.some((c) => c.name === name);
    const schema = exists ? relation.schema.map((c) => (c.name === name ? column : c)) : [...relation.schema, column];
    relation = projectStage(compiler, relation, schema, new Map([[name, named.expr]]));
  }
  return relation;
}

function renamed(input: Relation, output: Schema, sources: string[]): Relation {
  const columns = output.map((column, index) => sql`s.${sql.id(sources[index] ?? column.name)} as ${sql.id(column.name)}`);
  if (input.ordered) columns.push(sql`s.${sql.id(ORD)} as ${sql.id(ORD)}`);
  return stage(sql`select ${sql.join(columns)} from (${input.select}) as s`, output, input.ordered);
}

function summarize(compiler: Compiler, input: Relation, op: SummarizeOp, output: Schema): Relation {
  const shape = compiler.checked.summarizeShapes.get(op) ?? [];
  const env = envFor(compiler, input.schema);
  const columns: Sql[] = [];
  const groups: Sql[] = [];
  shape.forEach((column, index) => {
    const name = sql.id(column.name);
    if (column.kind === 'by') {
      // byte-order grouping: the same groups (equality is exact either way), without locale comparisons when sorting
      const collate = compiler.checked.types.get(column.named.expr) === 'string' ? sql.raw(' collate "C"') : sql.raw('');
      columns.push(sql`${compileExpr(env, column.named.expr)}${collate} as ${name}`);
      groups.push(sql.raw(String(index + 1)));
    } else if (column.kind === 'aggregate') {
      columns.push(sql`${compileExpr(env, column.named.expr)} as ${name}`);
    } else {
      const call = column.call as Extract<Expr, { kind: 'call' }>;
      const value = compileExpr(env, call.args[0] as Expr);
      const direction = sql.raw(call.name === 'arg_max' ? 'desc' : 'asc');
      if (column.kind === 'arg-value') columns.push(sql`${sql.raw(call.name === 'arg_max' ? 'max' : 'min')}(${value}) as ${name}`);
      else {
        const source = typeof column.source === 'string' ? sql`s.${sql.id(column.source)}` : compileExpr(env, column.source);
        // nulls last: a group whose values are all null still yields one of its rows, as Kusto does
        columns.push(sql`(array_agg(${source} order by ${value} ${direction} nulls last))[1] as ${name}`);
      }
    }
  });
  const groupBy = groups.length > 0 ? sql` group by ${sql.join(groups)}` : sql``;
  const select = columns.length > 0 ? sql.join(columns) : sql`1 as ${sql.id('__none')}`;
  return stage(sql`select ${select} from (${input.select}) as s${groupBy}`, output, false);
}

function join(compiler: Compiler, left: Relation, op: JoinOp, output: Schema): Relation {
  const shape = compiler.checked.joinShapes.get(op);
  if (!shape) throw new KqlError({ type: 'TYPE_ERROR', message: 'join was not checked', span: op.span });
  const right = compiler.pipeline(op.right);
  const cap = compiler.options.joinCap;
  const kind = op.joinKind ?? 'innerunique';
  const on = sql.join(
    op.on.map((key) => sql`l.${sql.id(key.left)} = rr.${sql.id(key.right)}`),
    sql` and `,
  );
  const leftKeys = sql.join(op.on.map((key) => sql`s.${sql.id(key.left)}`));
  const leftRows = kind === 'innerunique' ? sql`select distinct on (${leftKeys}) s.* from (${left.select}) as s` : left.select;
  // the guards count the materialised sides, so neither side's query runs twice
  const guard = sql`${tooLargeGuard(sql`l`, cap, 'join left side')} and ${tooLargeGuard(sql`rr`, cap, 'join right side')}`;
  const ctes = sql`with l as materialized (${leftRows}), rr as materialized (${right.select})`;
  const leftColumns = shape.left.map((column) => sql`l.${sql.id(column.name)} as ${sql.id(column.name)}`);
  if (kind === 'leftsemi' || kind === 'leftanti') {
    const exists = sql`exists (select 1 from rr where ${on})`;
    return stage(sql`${ctes} select ${sql.join(leftColumns)} from l where ${guard} and ${kind === 'leftanti' ? sql`not ${exists}` : exists}`, output, false);
  }
  const rightColumns = shape.right.map((column, index) => {
    const value = sql`rr.${sql.id(column.name)}`;
    const name = sql.id(shape.rightNames[index] ?? column.name);
    // an unmatched right side of a leftouter join has empty strings, not nulls, in KQL
    return kind === 'leftouter' && column.type === 'string' ? sql`coalesce(${value}, '') as ${name}` : sql`${value} as ${name}`;
  });
  const joinKind = sql.raw(kind === 'leftouter' ? 'left join' : 'join');
  return stage(sql`${ctes} select ${sql.join([...leftColumns, ...rightColumns])} from l ${joinKind} rr on ${on} where ${guard}`, output, false);
}

/** Arrays expand element by element (several columns in parallel); a bag expands into one-key bags; a scalar stays. */
function mvExpand(compiler: Compiler, input: Relation, op: MvExpandOp, output: Schema): Relation {
  const env = envFor(compiler, input.schema);
  const arrays = op.columns.map((item) => {
    const value = compileExpr(env, item.expr);
    return sql`jsonb_array_elements(case jsonb_typeof(${value}) when 'array' then ${value} when 'object' then (select coalesce(jsonb_agg(jsonb_build_object(k, v)), '[]'::jsonb) from jsonb_each(${value}) as kv(k, v)) when 'null' then '[null]'::jsonb else coalesce(jsonb_build_array(${value}), '[null]'::jsonb) end)`;
  });
  const names = op.columns.map((_, index) => `e${index}`);
  const expanded = new Map(op.columns.map((item, index) => [compiler.checked.expandNames.get(item) ?? '', { index, toType: item.toType }]));
  const columns = output.map((column) => {
    const found = expanded.get(column.name);
    if (!found) return sql`s.${sql.id(column.name)} as ${sql.id(column.name)}`;
    const value = sql`x.${sql.id(names[found.index] as string)}`;
    return sql`${found.toType ? convert(value, 'dynamic', found.toType) : value} as ${sql.id(column.name)}`;
  });
  if (input.ordered) columns.push(sql`s.${sql.id(ORD)} as ${sql.id(ORD)}`);
  const limit = op.limit ? compileExpr(env, op.limit) : sql`${compiler.options.expandCap}::bigint`;
  const aliases = sql.join([...names, 'n'].map((name) => sql.id(name)));
  return stage(
    sql`select ${sql.join(columns)} from (${input.select}) as s cross join lateral rows from (${sql.join(arrays)}) with ordinality as x(${aliases}) where x.n <= ${limit}`,
    output,
    input.ordered,
  );
}

const CAPTURE: Record<string, string> = {
  long: '([-+]?[0-9]+)',
  int: '([-+]?[0-9]+)',
  real: '([-+]?[0-9]*\\.?[0-9]+(?:[eE][-+]?[0-9]+)?)',
  bool: '(true|false|TRUE|FALSE|True|False)',
};

/** `parse kind=simple`: the pattern as an anchored regex; every capture a group; no match leaves the columns empty. */
function parse(compiler: Compiler, input: Relation, op: ParseOp, output: Schema): Relation {
  const env = envFor(compiler, input.schema);
  let regex = '^';
  const captures = new Map<string, { group: number; type: Column['type'] }>();
  let group = 0;
  op.pattern.forEach((part, index) => {
    const last = index === op.pattern.length - 1;
    if (part.kind === 'text') {
      regex += escapeRegex(part.text);
      return;
    }
    const typed = part.type ? CAPTURE[part.type] : undefined;
    if (part.column === null) {
      regex += last ? '.*' : '.*?';
      return;
    }
    regex += typed ?? (last ? '(.*)' : '(.*?)');
    group += 1;
    captures.set(part.column, { group, type: part.type ?? 'string' });
  });
  const lastPart = op.pattern[op.pattern.length - 1];
  if (lastPart && lastPart.kind === 'capture') regex += '$';
  const source = asText(compileExpr(env, op.source), typeIn(env, op.source));
  const columns = output.map((column) => {
    const capture = captures.get(column.name);
    if (!capture) return sql`s.${sql.id(column.name)} as ${sql.id(column.name)}`;
    const text = sql`p.m[${capture.group}::int]`;
    const value = capture.type === 'string' ? sql`coalesce(${text}, '')` : convert(text, 'string', capture.type);
    return sql`${value} as ${sql.id(column.name)}`;
  });
  if (input.ordered) columns.push(sql`s.${sql.id(ORD)} as ${sql.id(ORD)}`);
  return stage(
    sql`select ${sql.join(columns)} from (${input.select}) as s cross join lateral (select regexp_match(${source}, ${regex}::text) as m) as p`,
    output,
    input.ordered,
  );
}

export function operatorRelation(compiler: Compiler, input: Relation, op: TabularOperator): Relation {
  const output = compiler.checked.schemas.get(op) ?? input.schema;
  const env = envFor(compiler, input.schema);
  switch (op.kind) {
    case 'where':
    case 'search':
      return stage(sql`select s.* from (${input.select}) as s where ${predicate(env, op.predicate)}`, input.schema, input.ordered);
    case 'project': {
      const exprs = new Map(op.columns.map((named) => [compiler.checked.outputNames.get(named) ?? '', named.expr]));
      return projectStage(compiler, input, output, exprs);
    }
    case 'extend':
      return extendStages(compiler, input, op.columns);
    case 'project-away':
    case 'project-keep':
    case 'project-reorder':
      return renamed(
        input,
        output,
        output.map((c) => c.name),
      );
    case 'project-rename': {
      const from = new Map(op.renames.map((rename) => [rename.to, rename.from]));
      return renamed(
        input,
        output,
        output.map((c) => from.get(c.name) ?? c.name),
      );
    }
    case 'summarize':
      return summarize(compiler, input, op, output);
    case 'sort':
      return sorted(compiler, input, op.keys, null);
    case 'top':
      return sorted(compiler, input, op.keys, compileExpr(env, op.count));
    case 'take':
      return stage(
        sql`select s.* from (${input.select}) as s${input.ordered ? sql` order by s.${sql.id(ORD)}` : sql``} limit ${compileExpr(env, op.count)}`,
        input.schema,
        input.ordered,
      );
    case 'distinct': {
      const names = output.map((c) => sql`s.${sql.id(c.name)} as ${sql.id(c.name)}`);
      return stage(sql`select distinct ${sql.join(names)} from (${input.select}) as s`, output, false);
    }
    case 'count':
      return stage(sql`select count(*)::bigint as ${sql.id('Count')} from (${input.select}) as s`, output, false);
    case 'join':
      return join(compiler, input, op, output);
    case 'union': {
      const shape = compiler.checked.unionShapes.get(op);
      if (!shape) throw new KqlError({ type: 'TYPE_ERROR', message: 'union was not checked', span: op.span });
      const dropOrder = { ...input, select: sql`select ${sql.join(passThrough({ ...input, ordered: false }))} from (${input.select}) as s`, ordered: false };
      return unionOf(shape, [dropOrder, ...op.tables.map((table) => compiler.pipeline(table))]);
    }
    case 'mv-expand':
      return mvExpand(compiler, input, op, output);
    case 'parse':
      return parse(compiler, input, op, output);
    case 'unsupported':
      throw new KqlError({ type: 'UNSUPPORTED_OPERATOR', message: `operator ${op.operator} is not supported`, span: op.span, construct: op.operator });
    case 'mv-apply':
    case 'make-series':
    case 'lookup':
    case 'parse-where':
      throw new KqlError({ type: 'UNSUPPORTED_OPERATOR', message: `operator ${op.kind} is not supported`, span: op.span, construct: op.kind });
  }
}

export { stringOp };
