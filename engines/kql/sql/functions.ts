import { sql } from 'kysely';
import type { CallExpr, Expr, ScalarType } from '../ast.ts';
import type { ExprType } from '../check/types.ts';
import { KqlError } from '../diagnostics.ts';
import { convert } from './convert.ts';
import { datetimeFormat } from './format-datetime.ts';
import { checkedRegex } from './regex.ts';
import type { Sql } from './types.ts';

/** What compiling a call needs from the expression compiler (passed in, so the two modules do not import each other). */
export interface CallCompiler {
  compile: (expr: Expr) => Sql;
  bool: (expr: Expr) => Sql;
  text: (expr: Expr) => Sql;
  constant: (expr: Expr) => string | null;
  type: (expr: Expr) => ExprType;
}

const OCTET = '(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])';
const IPV4 = sql.lit(`^${OCTET}(\\.${OCTET}){3}$`);
const IPV4_RANGE = sql.lit(`^${OCTET}(\\.${OCTET}){3}(/([0-9]|[12][0-9]|3[0-2]))?$`);
const EPOCH = sql.raw(`timestamptz '1970-01-01 00:00:00+00'`);

function arg(env: CallCompiler, call: CallExpr, index: number): Sql {
  const expr = call.args[index];
  if (!expr) throw new KqlError({ type: 'TYPE_ERROR', message: `${call.name}(): argument ${index + 1} is missing`, span: call.span });
  return env.compile(expr);
}

function argExpr(call: CallExpr, index: number): Expr {
  return call.args[index] as Expr;
}

function constantNumber(expr: Expr | undefined): number | null {
  if (!expr) return null;
  if (expr.kind === 'literal' && (expr.type === 'long' || expr.type === 'int' || expr.type === 'real')) return Number(expr.value);
  if (expr.kind === 'unary' && expr.op === '-') {
    const inner = constantNumber(expr.operand);
    return inner === null ? null : -inner;
  }
  return null;
}

function bin(env: CallCompiler, call: CallExpr): Sql {
  const value = arg(env, call, 0);
  const size = arg(env, call, 1);
  const type = env.type(argExpr(call, 0));
  if (type === 'datetime') return sql`date_bin(${size}, ${value}, ${EPOCH})`;
  if (type === 'timespan')
    return sql`(floor(extract(epoch from ${value}) / nullif(extract(epoch from ${size}), 0)) * extract(epoch from ${size}) * interval '1 second')`;
  if (type === 'long' || type === 'int')
    return sql`(floor((${value})::numeric / nullif(${size}, 0)) * ${size})::${sql.raw(type === 'long' ? 'bigint' : 'integer')}`;
  return sql`(floor((${value}) / nullif(${size}, 0)) * ${size})`;
}

function emptyTest(env: CallCompiler, expr: Expr): Sql {
  const type = env.type(expr);
  const value = env.compile(expr);
  if (type === 'string') return sql`(${value} is null or ${value} = '')`;
  if (type === 'dynamic') return sql`(${value} is null or ${value} = 'null'::jsonb or ${value} #>> '{}' = '')`;
  return sql`(${value} is null)`;
}

function nullTest(env: CallCompiler, expr: Expr): Sql {
  const type = env.type(expr);
  if (type === 'string') return sql`false`;
  const value = env.compile(expr);
  if (type === 'dynamic') return sql`(${value} is null or ${value} = 'null'::jsonb)`;
  return sql`(${value} is null)`;
}

const DATETIME_PARTS: Record<string, string> = {
  year: 'year',
  quarter: 'quarter',
  month: 'month',
  week: 'week',
  day: 'day',
  hour: 'hour',
  minute: 'minute',
  second: 'second',
  millisecond: 'milliseconds',
};

function resultType(env: CallCompiler, call: CallExpr): ScalarType {
  const type = env.type(call);
  return type === 'null' ? 'string' : type;
}

function branches(env: CallCompiler, call: CallExpr, exprs: Expr[]): Sql[] {
  const type = resultType(env, call);
  return exprs.map((expr) => {
    const from = env.type(expr);
    const value = env.compile(expr);
    return from === type || from === 'null' ? value : convert(value, from, type);
  });
}

function scalar(env: CallCompiler, call: CallExpr): Sql | null {
  const a = (index: number) => arg(env, call, index);
  const text = (index: number) => env.text(argExpr(call, index));
  switch (call.name) {
    case 'ago':
      return sql`(now() - ${a(0)})`;
    case 'now':
      return call.args.length === 0 ? sql`now()` : sql`(now() + ${a(0)})`;
    case 'bin':
    case 'floor':
      return bin(env, call);
    case 'startofday':
      return sql`date_trunc('day', ${a(0)})`;
    case 'endofday':
      return sql`(date_trunc('day', ${a(0)}) + interval '1 day' - interval '1 microsecond')`;
    case 'startofweek':
      return sql`(date_trunc('day', ${a(0)}) - extract(dow from ${a(0)})::int * interval '1 day')`;
    case 'startofmonth':
      return sql`date_trunc('month', ${a(0)})`;
    case 'startofyear':
      return sql`date_trunc('year', ${a(0)})`;
    case 'hourofday':
      return sql`extract(hour from ${a(0)})::integer`;
    case 'dayofmonth':
      return sql`extract(day from ${a(0)})::integer`;
    case 'dayofweek':
      return sql`(extract(dow from ${a(0)})::int * interval '1 day')`;
    case 'getyear':
      return sql`extract(year from ${a(0)})::integer`;
    case 'getmonth':
      return sql`extract(month from ${a(0)})::integer`;
    case 'format_datetime': {
      const format = env.constant(argExpr(call, 1));
      if (format === null)
        throw new KqlError({ type: 'UNSUPPORTED_OPERATOR', message: 'format_datetime needs a constant format', span: call.span, construct: 'format_datetime' });
      return sql`coalesce(to_char(${a(0)} at time zone 'UTC', ${datetimeFormat(format, argExpr(call, 1).span)}::text), '')`;
    }
    case 'datetime_diff': {
      const part = env.constant(argExpr(call, 0));
      const unit = part === null ? undefined : DATETIME_PARTS[part.toLowerCase()];
      if (unit === undefined) throw new KqlError({ type: 'TYPE_ERROR', message: `datetime_diff(): unknown part ${part ?? '(not constant)'}`, span: call.span });
      if (unit === 'year') return sql`(extract(year from ${a(1)}) - extract(year from ${a(2)}))::bigint`;
      if (unit === 'month')
        return sql`((extract(year from ${a(1)}) - extract(year from ${a(2)})) * 12 + extract(month from ${a(1)}) - extract(month from ${a(2)}))::bigint`;
      const seconds: Record<string, number> = { week: 604_800, day: 86_400, hour: 3600, minute: 60, second: 1, milliseconds: 0.001, quarter: 0 };
      const size = seconds[unit] ?? 1;
      return sql`(floor(extract(epoch from date_trunc(${unit}, ${a(1)})) / ${size}) - floor(extract(epoch from date_trunc(${unit}, ${a(2)})) / ${size}))::bigint`;
    }
    case 'tolower':
      return sql`lower(${text(0)})`;
    case 'toupper':
      return sql`upper(${text(0)})`;
    case 'strlen':
      return sql`length(${text(0)})::bigint`;
    case 'reverse':
      return sql`reverse(${text(0)})`;
    case 'substring': {
      const length = call.args.length > 2 ? sql`, greatest(${a(2)}, 0)::int` : sql``;
      return sql`coalesce(substr(${text(0)}, greatest(${a(1)}, 0)::int + 1${length}), '')`;
    }
    case 'split': {
      const parts = sql`to_jsonb(string_to_array(${text(0)}, ${text(1)}))`;
      if (call.args.length < 3) return sql`(case when ${text(0)} = '' then '[""]'::jsonb else ${parts} end)`;
      return sql`(case when ${parts} -> (${a(2)})::int is null then '[]'::jsonb else jsonb_build_array(${parts} -> (${a(2)})::int) end)`;
    }
    case 'strcat':
      return sql`(${sql.join(
        call.args.map((expr) => env.text(expr)),
        sql` || `,
      )})`;
    case 'strcat_delim':
      return sql`concat_ws(${text(0)}, ${sql.join(call.args.slice(1).map((expr) => env.text(expr)))})`;
    case 'replace_string':
      return sql`replace(${text(0)}, ${text(1)}, ${text(2)})`;
    case 'indexof':
      return sql`(strpos(${text(0)}, ${text(1)}) - 1)::bigint`;
    case 'countof':
      return sql`((length(${text(0)}) - length(replace(${text(0)}, ${text(1)}, ''))) / nullif(length(${text(1)}), 0))::bigint`;
    case 'trim': {
      const pattern = env.constant(argExpr(call, 0));
      if (pattern === null) throw new KqlError({ type: 'UNSUPPORTED_OPERATOR', message: 'trim needs a constant pattern', span: call.span, construct: 'trim' });
      const re = checkedRegex(pattern, call.span);
      return sql`regexp_replace(regexp_replace(${text(1)}, ${`^(${re})+`}::text, ''), ${`(${re})+$`}::text, '')`;
    }
    case 'extract': {
      const pattern = env.constant(argExpr(call, 0));
      const group = constantNumber(call.args[1]);
      if (pattern === null || group === null)
        throw new KqlError({ type: 'UNSUPPORTED_OPERATOR', message: 'extract needs a constant pattern and group', span: call.span, construct: 'extract' });
      const re = checkedRegex(pattern, argExpr(call, 0).span);
      const matched = group === 0 ? sql`(regexp_match(${text(2)}, ${`(${re})`}::text))[1]` : sql`(regexp_match(${text(2)}, ${re}::text))[${group}::int]`;
      return sql`coalesce(${matched}, '')`;
    }
    case 'parse_json':
    case 'todynamic': {
      const type = env.type(argExpr(call, 0));
      if (type === 'dynamic') return a(0);
      const value = text(0);
      return sql`kql_try_jsonb(${value})`;
    }
    case 'array_length':
      return sql`(case jsonb_typeof(${a(0)}) when 'array' then jsonb_array_length(${a(0)})::bigint end)`;
    case 'pack_array':
      return sql`jsonb_build_array(${sql.join(call.args.map((expr) => env.compile(expr)))})`;
    case 'bag_pack':
    case 'pack':
      return call.args.length === 0 ? sql`'{}'::jsonb` : sql`jsonb_build_object(${sql.join(call.args.map((expr) => env.compile(expr)))})`;
    case 'tostring':
    case 'toint':
    case 'tolong':
    case 'todouble':
    case 'toreal':
    case 'todecimal':
    case 'tobool':
    case 'toboolean':
    case 'todatetime':
    case 'totimespan':
      return convert(a(0), env.type(argExpr(call, 0)), resultType(env, call));
    case 'isempty':
      return emptyTest(env, argExpr(call, 0));
    case 'isnotempty':
      return sql`(not ${emptyTest(env, argExpr(call, 0))})`;
    case 'isnull':
      return nullTest(env, argExpr(call, 0));
    case 'isnotnull':
      return sql`(not ${nullTest(env, argExpr(call, 0))})`;
    case 'not':
      return sql`(not ${env.bool(argExpr(call, 0))})`;
    case 'iff':
    case 'iif': {
      const [then, otherwise] = branches(env, call, [argExpr(call, 1), argExpr(call, 2)]);
      return sql`(case when ${env.bool(argExpr(call, 0))} then ${then} else ${otherwise} end)`;
    }
    case 'case': {
      const pairs: Sql[] = [];
      for (let i = 0; i + 1 < call.args.length; i += 2) {
        const [value] = branches(env, call, [argExpr(call, i + 1)]);
        pairs.push(sql`when ${env.bool(argExpr(call, i))} then ${value}`);
      }
      const [otherwise] = branches(env, call, [argExpr(call, call.args.length - 1)]);
      return sql`(case ${sql.join(pairs, sql` `)} else ${otherwise} end)`;
    }
    case 'coalesce': {
      const type = resultType(env, call);
      // KQL's coalesce skips empty strings as well as nulls
      const values = branches(env, call, call.args).map((value) => (type === 'string' ? sql`nullif(${value}, '')` : value));
      return type === 'string' ? sql`coalesce(${sql.join(values)}, '')` : sql`coalesce(${sql.join(values)})`;
    }
    case 'min_of':
      return sql`least(${sql.join(branches(env, call, call.args))})`;
    case 'max_of':
      return sql`greatest(${sql.join(branches(env, call, call.args))})`;
    case 'abs':
      return env.type(argExpr(call, 0)) === 'timespan'
        ? sql`justify_interval(case when ${a(0)} < interval '0' then -${a(0)} else ${a(0)} end)`
        : sql`abs(${a(0)})`;
    case 'round':
      return call.args.length > 1 ? sql`round((${a(0)})::numeric, (${a(1)})::int)::double precision` : sql`round((${a(0)})::numeric)::double precision`;
    case 'sqrt':
      return sql`(case when ${a(0)} >= 0 then sqrt((${a(0)})::double precision) end)`;
    case 'ipv4_is_private':
      return sql`(case when ${text(0)} ~ ${IPV4} then ${text(0)}::inet <<= any(array['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16']::inet[]) end)`;
    case 'ipv4_is_in_range':
      return sql`(case when ${text(0)} ~ ${IPV4} and ${text(1)} ~ ${IPV4_RANGE} then ${text(0)}::inet <<= network(${text(1)}::inet) end)`;
    default:
      return null;
  }
}

function aggregate(env: CallCompiler, call: CallExpr): Sql | null {
  const a = (index: number) => arg(env, call, index);
  const cap = (max: Sql, index: number) => (call.args.length > index ? sql`[1:(${a(index)})::int]` : max);
  switch (call.name) {
    case 'count':
      return call.args.length === 0 ? sql`count(*)::bigint` : sql`count(${a(0)})::bigint`;
    case 'countif':
      return sql`count(*) filter (where ${env.bool(argExpr(call, 0))})::bigint`;
    case 'dcount':
      // exact, not HyperLogLog: results match Kusto's only up to its estimate's error
      return sql`count(distinct ${a(0)})::bigint`;
    case 'dcountif':
      return sql`count(distinct ${a(0)}) filter (where ${env.bool(argExpr(call, 1))})::bigint`;
    case 'sum':
      return env.type(argExpr(call, 0)) === 'int'
        ? sql`sum(${a(0)})::bigint`
        : env.type(argExpr(call, 0)) === 'long'
          ? sql`sum(${a(0)})::bigint`
          : sql`sum(${a(0)})`;
    case 'sumif':
      return sql`sum(${a(0)}) filter (where ${env.bool(argExpr(call, 1))})${sql.raw(env.type(argExpr(call, 0)) === 'real' ? '' : '::bigint')}`;
    case 'avg':
      return env.type(argExpr(call, 0)) === 'timespan' ? sql`avg(${a(0)})` : sql`avg(${a(0)})::double precision`;
    case 'min':
    case 'max':
      return env.type(argExpr(call, 0)) === 'string' ? sql`${sql.raw(call.name)}(nullif(${a(0)}, '') collate "C")` : sql`${sql.raw(call.name)}(${a(0)})`;
    case 'stdev':
      return sql`stddev_samp(${a(0)})::double precision`;
    case 'variance':
      return sql`var_samp(${a(0)})::double precision`;
    case 'take_any':
    case 'any':
      return sql`(array_agg(${a(0)}))[1]`;
    case 'make_list':
      return sql`coalesce(to_jsonb((array_agg(${jsonOf(env, argExpr(call, 0))}) filter (where ${a(0)} is not null))${cap(sql``, 1)}), '[]'::jsonb)`;
    case 'make_set': {
      // a dynamic array's elements join the set one by one (Kusto flattens them)
      const all = sql`coalesce(jsonb_agg(${jsonOf(env, argExpr(call, 0))}) filter (where ${a(0)} is not null), '[]'::jsonb)`;
      const set = sql`(select coalesce(to_jsonb((array_agg(distinct e))${cap(sql``, 1)}), '[]'::jsonb) from jsonb_array_elements(${all}) as x(item), jsonb_array_elements(case jsonb_typeof(x.item) when 'array' then x.item else jsonb_build_array(x.item) end) as y(e))`;
      return set;
    }
    case 'percentile': {
      const p = constantNumber(call.args[1]);
      if (p === null || p < 0 || p > 100)
        throw new KqlError({ type: 'TYPE_ERROR', message: 'percentile(): the percentage must be a constant between 0 and 100', span: call.span });
      return sql`percentile_disc(${p / 100}::double precision) within group (order by ${a(0)})`;
    }
    default:
      return null;
  }
}

/** The element an aggregate collects into a dynamic array (make_list of strings keeps strings). */
function jsonOf(env: CallCompiler, expr: Expr): Sql {
  const type = env.type(expr);
  const value = env.compile(expr);
  return type === 'dynamic' ? value : convert(value, type, 'dynamic');
}

export function compileCall(env: CallCompiler, call: CallExpr): Sql {
  const compiled = scalar(env, call) ?? aggregate(env, call);
  if (compiled) return compiled;
  throw new KqlError({ type: 'UNSUPPORTED_OPERATOR', message: `function ${call.name}() is not supported here`, span: call.span, construct: call.name });
}
