import { describe, expect, it } from 'vitest';
import { createRng } from '../../synthetic/index.ts';
import { containsAny } from './contains-any.ts';

describe('containsAny', () => {
  it('agrees with one includes() per literal, short lists and indexed ones (fixed seed)', () => {
    const rng = createRng(7);
    // single characters, surrogate pairs (emoji) and ASCII runs: the cases the two-character index treats apart
    const pieces = ['a', 'b', '^', ' ', '😀', '😃', '\u202e', 'cmd', '.exe', '\\'];
    const word = (n: number) => Array.from({ length: n }, () => rng.pick(pieces)).join('');
    for (let round = 0; round < 400; round++) {
      const literals = Array.from({ length: rng.int(1, 20) }, () => word(rng.int(1, 3)));
      const matches = containsAny(literals);
      for (let i = 0; i < 20; i++) {
        const text = word(rng.int(0, 12));
        expect(matches(text)).toBe(literals.some((literal) => text.includes(literal)));
      }
    }
  });

  it('finds a literal at the very end of the text, and the empty literal anywhere', () => {
    const many = ['zz1', 'zz2', 'zz3', 'zz4', 'zz5', 'zz6', 'zz7', 'x', 'ab'];
    expect(containsAny(many)('..ab')).toBe(true);
    expect(containsAny(many)('a')).toBe(false);
    expect(containsAny(many)('..x')).toBe(true);
    expect(containsAny([...many, ''])('')).toBe(true);
  });
});
