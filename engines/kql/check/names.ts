import type { Expr, NamedExpr } from '../ast.ts';

/** The column name Kusto gives an unnamed expression, or null when it would invent `ColumnN`. */
export function derivedName(expr: Expr): string | null {
  switch (expr.kind) {
    case 'name':
      return expr.name;
    case 'member': {
      const target = derivedName(expr.target);
      return target === null ? expr.name : `${target}_${expr.name}`;
    }
    case 'index': {
      const target = derivedName(expr.target);
      const index = expr.index.kind === 'literal' ? String(expr.index.value) : null;
      return target === null || index === null ? null : `${target}_${index}`;
    }
    case 'call':
      if ((expr.name === 'bin' || expr.name === 'floor') && expr.args[0]) return derivedName(expr.args[0]);
      return null;
    default:
      return null;
  }
}

/** Kusto's names for unnamed aggregates: `count_`, `dcount_SrcIp`, `percentile_Size_95`. */
export function aggregateName(expr: Expr): string | null {
  if (expr.kind !== 'call') return null;
  const first = expr.args[0] ? derivedName(expr.args[0]) : null;
  switch (expr.name) {
    case 'count':
      return `count_${first ?? ''}`;
    case 'countif':
      return 'countif_';
    case 'make_set':
      return `set_${first ?? ''}`;
    case 'make_list':
      return `list_${first ?? ''}`;
    case 'percentile': {
      const p = expr.args[1];
      const suffix = p?.kind === 'literal' ? String(p.value).replace('.', '_') : '';
      return `percentile_${first ?? ''}_${suffix}`;
    }
    default:
      return `${expr.name}_${first ?? ''}`;
  }
}

/** Hands out unique names: a taken name gets the smallest free numeric suffix (`Id1`, `Id2`). */
export class NameSet {
  private readonly taken = new Set<string>();
  private counter = 0;

  constructor(initial: Iterable<string> = []) {
    for (const name of initial) this.taken.add(name);
  }

  has(name: string): boolean {
    return this.taken.has(name);
  }

  claim(name: string): string {
    let candidate = name;
    for (let n = 1; this.taken.has(candidate); n++) candidate = `${name}${n}`;
    this.taken.add(candidate);
    return candidate;
  }

  /** `Column1`, `Column2`… for expressions Kusto cannot name. */
  fresh(prefix = 'Column'): string {
    let candidate: string;
    do {
      this.counter += 1;
      candidate = `${prefix}${this.counter}`;
    } while (this.taken.has(candidate));
    this.taken.add(candidate);
    return candidate;
  }

  release(name: string): void {
    this.taken.delete(name);
  }
}

export function explicitOrDerived(named: NamedExpr): string | null {
  return named.name ?? derivedName(named.expr);
}
