import { describe, expect, it } from 'vitest';
import { createRng } from '../../synthetic/index.ts';
import { buildAsciiAutomaton } from './ascii-automaton.ts';

const found = (patterns: string[], text: string) => {
  const out: number[] = [];
  buildAsciiAutomaton(patterns).scan(text, out);
  return out.sort((a, b) => a - b);
};

describe('buildAsciiAutomaton', () => {
  it('finds overlapping and nested patterns, each once', () => {
    expect(found(['he', 'she', 'his', 'hers'], 'ushers she he')).toEqual([0, 1, 3]);
    expect(found(['aaa', 'a'], 'aaaa')).toEqual([0, 1]);
    expect(found(['abc'], 'ab\u00e9abc')).toEqual([0]);
    expect(found(['abc'], 'ab\u00e9c')).toEqual([]);
  });

  it('agrees with indexOf on random patterns and texts (fixed seed)', () => {
    const rng = createRng(99);
    const word = (n: number) => Array.from({ length: n }, () => rng.pick(['a', 'b', 'c', '.', '\\'])).join('');
    const patterns = [...new Set(Array.from({ length: 300 }, () => word(rng.int(1, 6))))];
    const automaton = buildAsciiAutomaton(patterns);
    for (let round = 0; round < 300; round++) {
      const text = word(rng.int(0, 80));
      const out: number[] = [];
      automaton.scan(text, out);
      expect(out.sort((a, b) => a - b)).toEqual(patterns.flatMap((pattern, index) => (text.includes(pattern) ? [index] : [])));
    }
  });
});
