import { SOURCE_KINDS, type SourceKind } from './event.ts';

/** Which parser a batch goes through; `declaredType` is the sender's own name when no parser has it. */
export type ResolvedSource = { kind: SourceKind | 'auto'; declaredType: string | null };

/**
 * A sender's declared `source_type` → its parser (case and surrounding spaces ignored; 'auto' guesses per record).
 * A type without a parser of its own (webhoneypot, dionaea, …) is not refused: its records go through the custom
 * parser, which keeps the declared name in `attributes.sourceType`.
 */
export function resolveSourceType(declared: string): ResolvedSource {
  const name = declared.trim().toLowerCase();
  if (name === 'auto') return { kind: 'auto', declaredType: null };
  const known = SOURCE_KINDS.find((kind) => kind === name);
  if (known) return { kind: known, declaredType: null };
  return { kind: 'custom', declaredType: declared.trim() || null };
}
