import type { ValueTest } from '../types.ts';
import { inCidr, parseCidr, parseIp } from './cidr.ts';
import { compileRegex } from './regex.ts';

/**
 * Per-call memory shared by all tests of one rule: each event string is lower-cased at most once per match() call,
 * and the keyword texts are gathered at most once.
 */
export type EvalState = {
  event: unknown;
  /** changes whenever another event comes: what is remembered under an older number is stale */
  generation: number;
  lowered: Map<string, string>;
  /** the last string lower-cased: tests of one value run back to back, so most look-ups end here */
  lastText: string | null;
  lastLower: string;
  keywordTexts: string[];
  keywordsCollected: boolean;
};

/** A test of one scalar found at a field (never an array: those are walked before). */
export type ScalarTest = (value: unknown, state: EvalState) => boolean;

export function lowerOf(state: EvalState, text: string): string {
  if (text === state.lastText) return state.lastLower;
  let lowered = state.lowered.get(text);
  if (lowered === undefined) {
    lowered = text.toLowerCase();
    state.lowered.set(text, lowered);
  }
  state.lastText = text;
  state.lastLower = lowered;
  return lowered;
}

/** What string tests see of a value: strings as they are, numbers and booleans as their text (`4688` → "4688"). */
export function textOf(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : null;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return null;
}

const isDigit = (code: number) => code >= 48 && code <= 57;

/** A decimal number written as text (`4688`, `-1.5`, ` 42 `); hex, exponents and words are not numbers here. */
export function decimalOf(text: string): number | null {
  const trimmed = text.trim();
  let i = trimmed[0] === '-' || trimmed[0] === '+' ? 1 : 0;
  let digits = 0;
  let dot = false;
  for (; i < trimmed.length; i++) {
    const code = trimmed.charCodeAt(i);
    if (isDigit(code)) digits++;
    else if (code === 46 && !dot) dot = true;
    else return null;
  }
  return digits > 0 && trimmed.length <= 40 ? Number(trimmed) : null;
}

export function numberOf(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string') return decimalOf(value);
  return null;
}

type StringOp = 'equals' | 'contains' | 'startswith' | 'endswith';

export function compareStrings(op: StringOp, text: string, literal: string): boolean {
  switch (op) {
    case 'equals':
      return text === literal;
    case 'contains':
      return text.includes(literal);
    case 'startswith':
      return text.startsWith(literal);
    case 'endswith':
      return text.endsWith(literal);
  }
}

function stringScalarTest(op: StringOp, value: string, cased: boolean): ScalarTest {
  if (cased)
    return (candidate) => {
      const text = textOf(candidate);
      return text !== null && compareStrings(op, text, value);
    };
  const literal = value.toLowerCase();
  return (candidate, state) => {
    const text = textOf(candidate);
    return text !== null && compareStrings(op, lowerOf(state, text), literal);
  };
}

function compareScalarTest(op: 'gt' | 'gte' | 'lt' | 'lte', limit: number): ScalarTest {
  return (candidate) => {
    const value = numberOf(candidate);
    if (value === null) return false;
    return op === 'gt' ? value > limit : op === 'gte' ? value >= limit : op === 'lt' ? value < limit : value <= limit;
  };
}

/** The per-scalar form of a ValueTest, or null for the tests that look at the whole field (null, exists, fieldref). */
export function scalarTest(test: ValueTest): ScalarTest | null {
  switch (test.op) {
    case 'equals':
    case 'contains':
    case 'startswith':
    case 'endswith':
      return stringScalarTest(test.op, test.value, test.cased);
    case 'regex': {
      const compiled = compileRegex(test.pattern, test.flags);
      if ('error' in compiled) throw new Error(`invalid RE2 regex ${test.pattern}: ${compiled.error}`);
      const { regex } = compiled;
      return (candidate) => {
        const text = textOf(candidate);
        return text !== null && regex.test(text);
      };
    }
    case 'cidr': {
      const range = parseCidr(test.cidr);
      if (!range) throw new Error(`invalid CIDR ${test.cidr}`);
      return (candidate) => {
        if (typeof candidate !== 'string') return false;
        const address = parseIp(candidate);
        return address !== null && inCidr(range, address);
      };
    }
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return compareScalarTest(test.op, test.value);
    case 'number': {
      const expected = test.value;
      return (candidate) => numberOf(candidate) === expected;
    }
    case 'bool': {
      const expected = test.value;
      const text = expected ? 'true' : 'false';
      return (candidate, state) => candidate === expected || (typeof candidate === 'string' && lowerOf(state, candidate) === text);
    }
    case 'null':
    case 'exists':
    case 'fieldref':
      return null;
  }
}
