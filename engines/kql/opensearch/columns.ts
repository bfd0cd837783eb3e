import type { Expr } from '../ast.ts';
import { fieldNotFound, unsupported } from './errors.ts';
import type { DocField } from './fields.ts';

/** A column of the pipeline's current schema: its output name and the document field behind it. */
export type Column = { name: string; doc: DocField };

/** A reference the backend can query: a column, or a path inside the `flat_object` Attributes (`Attributes.http.host`). */
export type FieldRef = { column: Column; path: string | null; field: string };

/** The current schema, by output name, in output order. */
export type Schema = readonly Column[];

export function findColumn(schema: Schema, name: string): Column | undefined {
  return schema.find((column) => column.name === name);
}

/** Resolves `Col`, `Attributes.a.b`, `Attributes['a']` and `tostring(...)` of those to a document field. */
export function resolveField(expr: Expr, schema: Schema): FieldRef {
  if (expr.kind === 'name') {
    const column = findColumn(schema, expr.name);
    if (!column)
      throw fieldNotFound(
        expr.name,
        expr.span,
        schema.map((known) => known.name),
      );
    return { column, path: null, field: column.doc.field };
  }
  if (expr.kind === 'call' && expr.name === 'tostring' && expr.args.length === 1) {
    return resolveField(expr.args[0] as Expr, schema);
  }
  if (expr.kind === 'member' || expr.kind === 'index') {
    const key = expr.kind === 'member' ? expr.name : literalKey(expr.index);
    const target = resolveField(expr.target, schema);
    if (target.column.doc.kind !== 'flat' || key === null) throw unsupported('dynamic access', expr.span, 'only string keys under Attributes are indexed');
    const path = target.path === null ? key : `${target.path}.${key}`;
    return { column: target.column, path, field: `${target.column.doc.field}.${path}` };
  }
  throw unsupported(
    expr.kind === 'call' ? `${expr.name}()` : `${expr.kind} expression`,
    expr.span,
    'the OpenSearch backend filters on columns, not computed values',
  );
}

function literalKey(expr: Expr): string | null {
  return expr.kind === 'literal' && expr.type === 'string' && typeof expr.value === 'string' && /^[A-Za-z0-9_@-]+$/.test(expr.value) ? expr.value : null;
}
