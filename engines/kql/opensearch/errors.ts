import type { Span } from '../ast.ts';
import { KqlError } from '../diagnostics.ts';

/** Valid KQL the OpenSearch backend cannot run: named, never silently answered by another backend. */
export function unsupported(construct: string, span: Span, why = 'the OpenSearch backend cannot run it'): KqlError {
  return new KqlError({ type: 'UNSUPPORTED_OPERATOR', construct, span, message: `'${construct}' is not supported here: ${why}` });
}

export function fieldNotFound(name: string, span: Span, known: readonly string[]): KqlError {
  return new KqlError({ type: 'FIELD_NOT_FOUND', span, message: `No column named '${name}'`, suggestions: nearest(name, known) });
}

export function typeError(message: string, span: Span): KqlError {
  return new KqlError({ type: 'TYPE_ERROR', span, message });
}

/** Up to three known names closest to `name` (case-insensitive edit distance), for FIELD_NOT_FOUND. */
export function nearest(name: string, known: readonly string[]): string[] {
  const target = name.toLowerCase();
  return known
    .map((candidate) => ({ candidate, distance: editDistance(target, candidate.toLowerCase()) }))
    .filter(({ distance }) => distance <= Math.max(2, Math.floor(target.length / 2)))
    .sort((a, b) => a.distance - b.distance || a.candidate.localeCompare(b.candidate))
    .slice(0, 3)
    .map(({ candidate }) => candidate);
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
