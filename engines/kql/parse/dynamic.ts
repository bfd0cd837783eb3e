import type { LiteralExpr } from '../ast.ts';
import type { Cursor } from './cursor.ts';
import { grammar } from './grammar.ts';

/** `dynamic(<json-like literal>)`. */
export function parseDynamic(c: Cursor): LiteralExpr {
  const start = c.next();
  c.expectOp('(');
  const value = c.isOp(')') ? null : parseDynamicValue(c);
  c.expectOp(')');
  return { kind: 'literal', type: 'dynamic', value, span: c.spanFrom(start) };
}

function parseDynamicValue(c: Cursor): unknown {
  const token = c.peek();
  if (c.acceptOp('[')) {
    const items = grammar.parseList(c, ']', parseDynamicValue);
    c.acceptOp(',');
    c.expectOp(']');
    return items;
  }
  if (c.acceptOp('{')) {
    const entries = grammar.parseList(c, '}', parseDynamicEntry);
    c.acceptOp(',');
    c.expectOp('}');
    return Object.fromEntries(entries);
  }
  if (c.isOp('-') || c.isOp('+')) {
    const sign = c.next().text;
    const number = c.peek();
    if (number.kind !== 'number' && number.kind !== 'timespan') c.fail(['a number']);
    c.next();
    return sign === '-' ? -(number.value as number) : number.value;
  }
  c.next();
  switch (token.kind) {
    case 'string': {
      let text = token.value as string;
      while (c.peek().kind === 'string') text += c.next().value as string;
      return text;
    }
    case 'number':
      return typeof token.value === 'bigint' ? Number(token.value) : token.value;
    case 'timespan':
      return token.value;
    case 'typed':
      return token.type === 'datetime' && typeof token.value === 'number' ? new Date(token.value).toISOString() : token.value;
    case 'name':
      if (token.text === 'true' || token.text === 'false') return token.text === 'true';
      if (token.text === 'null') return null;
      return c.fail(['a dynamic value'], token);
    default:
      return c.fail(['a dynamic value'], token);
  }
}

function parseDynamicEntry(c: Cursor): [string, unknown] {
  const key = c.peek();
  if (key.kind !== 'string' && key.kind !== 'name') c.fail(['a property name']);
  c.next();
  c.expectOp(':');
  return [key.kind === 'string' ? (key.value as string) : key.text, parseDynamicValue(c)];
}
