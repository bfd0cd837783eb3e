import { describe, expect, it } from 'vitest';
import type { Expr } from '../ast.ts';
import { parseKql } from '../index.ts';

/** The `where` predicate of `T | where <text>`, without spans. */
function predicate(text: string): unknown {
  const op = parseKql(`T | where ${text}`).body.operators[0];
  if (op?.kind !== 'where') throw new Error('not a where');
  return strip(op.predicate);
}

/** A compact prefix form: `(or (== a 1) b)`. */
function show(expr: Expr): string {
  switch (expr.kind) {
    case 'literal':
      return typeof expr.value === 'string' ? JSON.stringify(expr.value) : String(expr.value);
    case 'name':
      return expr.name;
    case 'member':
      return `${show(expr.target)}.${expr.name}`;
    case 'index':
      return `${show(expr.target)}[${show(expr.index)}]`;
    case 'call':
      return `${expr.name}(${expr.args.map(show).join(', ')})`;
    case 'unary':
      return `(${expr.op} ${show(expr.operand)})`;
    case 'binary':
      return `(${expr.op} ${show(expr.left)} ${show(expr.right)})`;
    case 'set':
      return `(${expr.op} ${show(expr.left)} [${Array.isArray(expr.values) ? expr.values.map(show).join(', ') : 'table'}])`;
    case 'between':
      return `(${expr.negated ? '!' : ''}between ${show(expr.left)} ${show(expr.low)} ${show(expr.high)})`;
    case 'star':
      return '*';
    case 'toscalar':
      return 'toscalar(table)';
  }
}

const where = (text: string): string => {
  const op = parseKql(`T | where ${text}`).body.operators[0];
  if (op?.kind !== 'where') throw new Error('not a where');
  return show(op.predicate);
};

function strip(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(strip);
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value)
        .filter(([k]) => k !== 'span' && k !== 'nameSpan')
        .map(([k, v]) => [k, strip(v)]),
    );
  return value;
}

describe('KQL expressions', () => {
  it('binds or < and < comparison < additive < multiplicative < unary < postfix', () => {
    expect(where('a == 1 or b == 2 and c == 3')).toBe('(or (== a 1) (and (== b 2) (== c 3)))');
    expect(where('(a == 1 or b == 2) and c == 3')).toBe('(and (or (== a 1) (== b 2)) (== c 3))');
    expect(where('x + 2 * 3 > y - 4 / 2')).toBe('(> (+ x (* 2 3)) (- y (/ 4 2)))');
    expect(where('-x.a[0] * 2 < 5 % 3')).toBe('(< (* (- x.a[0]) 2) (% 5 3))');
    expect(where('not(a has "x") and b')).toBe('(and not((has a "x")) b)');
  });

  it('reads every string operator as the AST spells it', () => {
    expect(where('a has "x" and b !has_cs "y"')).toBe('(and (has a "x") (!has_cs b "y"))');
    expect(where('a =~ "x" or a !~ "y"')).toBe('(or (=~ a "x") (!~ a "y"))');
    expect(where('a contains_cs "x" and a notcontains "y" and a containscs "z"')).toBe('(and (and (contains_cs a "x") (!contains a "y")) (contains_cs a "z"))');
    expect(where('a startswith "x" and a !endswith_cs "y"')).toBe('(and (startswith a "x") (!endswith_cs a "y"))');
    expect(where('a hasprefix "x" and a !hassuffix "y"')).toBe('(and (hasprefix a "x") (!hassuffix a "y"))');
    expect(where('a matches regex "^x+$"')).toBe('(matches regex a "^x+$")');
    expect(where('a like "x%" and a !like "y"')).toBe('(and (like a "x%") (!like a "y"))');
  });

  it('reads set operators and between', () => {
    expect(where('a in (1, 2)')).toBe('(in a [1, 2])');
    expect(where('a !in~ ("x")')).toBe('(!in~ a ["x"])');
    expect(where('a in~ ("x", "y")')).toBe('(in~ a ["x", "y"])');
    expect(where('a has_any ("x", "y") and b has_all (dynamic(["z"]))')).toBe(
      '(and (has_any a ["x", "y"]) (has_all b [[object Object]]))'.replace('[object Object]', 'z'),
    );
    expect(where('a in (U | project b)')).toBe('(in a [table])');
    expect(where('a in ((U | project b))')).toBe('(in a [table])');
    expect(where('a between (1 .. 10)')).toBe('(between a 1 10)');
    expect(where('t !between (ago(1d) .. now())')).toBe('(!between t ago(86400000) now())');
  });

  it("keeps '443' a string and folds negative numbers", () => {
    expect(predicate("DstPort == '443'")).toMatchObject({ right: { kind: 'literal', type: 'string', value: '443' } });
    expect(predicate('x > -1')).toMatchObject({ right: { kind: 'literal', type: 'long', value: -1 } });
    expect(predicate('t > ago(-1h)')).toMatchObject({ right: { args: [{ type: 'timespan', value: -3_600_000 }] } });
  });

  it('reads literals: bool, null, dynamic, concatenated strings, typed values', () => {
    expect(predicate('a == true')).toMatchObject({ right: { type: 'bool', value: true } });
    expect(predicate('a == "x" "y"')).toMatchObject({ right: { type: 'string', value: 'xy' } });
    expect(predicate('a == dynamic({"k": [1, "two", null, -3]})')).toMatchObject({ right: { type: 'dynamic', value: { k: [1, 'two', null, -3] } } });
    expect(predicate('a == dynamic(null)')).toMatchObject({ right: { type: 'dynamic', value: null } });
    expect(predicate('t > datetime(2024-01-01)')).toMatchObject({ right: { type: 'datetime', value: Date.UTC(2024, 0, 1) } });
  });

  it('reads member and index access, bracketed names and $left/$right', () => {
    expect(where("Raw.process['name'] == 'x'")).toBe('(== Raw.process["name"] "x")');
    expect(where('d.["a b"] == 1 and d.[0] == 2')).toBe('(and (== d.a b 1) (== d[0] 2))');
    expect(where("['Account Name'] == 'x'")).toBe('(== Account Name "x")');
    expect(where('$left.Id == $right.Id')).toBe('(== $left.Id $right.Id)');
    expect(where('* has "evil"')).toBe('(has * "evil")');
  });

  it('reads calls, including empty and star arguments', () => {
    expect(where('isnotempty(x) and strlen(tostring(y)) > 3')).toBe('(and isnotempty(x) (> strlen(tostring(y)) 3))');
    expect(where('now() > bin(t, 1h)')).toBe('(> now() bin(t, 3600000))');
  });
});
