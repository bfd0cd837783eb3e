import type { Token } from './tokens.ts';

/** The question's tokens and which of them a recogniser has used; recognisers claim tokens so none is read twice. */
export class TokenCursor {
  readonly tokens: readonly Token[];
  private readonly used: boolean[];

  constructor(tokens: readonly Token[]) {
    this.tokens = tokens;
    this.used = tokens.map(() => false);
  }

  get length(): number {
    return this.tokens.length;
  }

  /** The lower-case word at `index` if it is still free (never a quoted phrase), else undefined. */
  word(index: number): string | undefined {
    const token = this.tokens[index];
    return token !== undefined && !this.used[index] && !token.quoted ? token.lower : undefined;
  }

  /** The lower-case word at `index`, claimed or not (to look at context another recogniser has used). */
  peek(index: number): string | undefined {
    const token = this.tokens[index];
    return token !== undefined && !token.quoted ? token.lower : undefined;
  }

  free(index: number): boolean {
    return index >= 0 && index < this.tokens.length && !this.used[index];
  }

  claim(from: number, count = 1): void {
    for (let index = from; index < from + count; index++) this.used[index] = true;
  }

  isClaimed(index: number): boolean {
    return this.used[index] === true;
  }

  /** Whether the free words from `index` spell `phrase`. */
  matches(index: number, phrase: readonly string[]): boolean {
    return phrase.every((part, offset) => this.word(index + offset) === part);
  }

  /** The first index where one of `phrases` starts, with the phrase, longest phrase first at each position. */
  find(phrases: readonly (readonly string[])[]): { index: number; phrase: readonly string[] } | null {
    const longestFirst = [...phrases].sort((a, b) => b.length - a.length);
    for (let index = 0; index < this.tokens.length; index++) {
      const phrase = longestFirst.find((candidate) => this.matches(index, candidate));
      if (phrase) return { index, phrase };
    }
    return null;
  }
}
