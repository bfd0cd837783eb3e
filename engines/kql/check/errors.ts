import type { Span } from '../ast.ts';
import { KqlError } from '../diagnostics.ts';
import { nearestNames } from './nearest.ts';

export function typeError(span: Span, message: string): KqlError {
  return new KqlError({ type: 'TYPE_ERROR', message, span });
}

export function unsupported(span: Span, construct: string, why = 'is not supported yet'): KqlError {
  return new KqlError({ type: 'UNSUPPORTED_OPERATOR', message: `${construct} ${why}`, span, construct });
}

export function fieldNotFound(span: Span, name: string, known: Iterable<string>): KqlError {
  const suggestions = nearestNames(name, known);
  const hint = suggestions.length > 0 ? ` (did you mean ${suggestions.map((s) => `'${s}'`).join(', ')}?)` : '';
  return new KqlError({ type: 'FIELD_NOT_FOUND', message: `no column or let named '${name}'${hint}`, span, suggestions });
}

export function tableNotFound(span: Span, name: string, known: Iterable<string>): KqlError {
  const suggestions = nearestNames(name, known);
  const hint = suggestions.length > 0 ? ` (did you mean ${suggestions.map((s) => `'${s}'`).join(', ')}?)` : '';
  return new KqlError({ type: 'TABLE_NOT_FOUND', message: `no table named '${name}'${hint}`, span, suggestions });
}
