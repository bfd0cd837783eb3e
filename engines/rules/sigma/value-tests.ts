import type { FieldPath, ValueTest } from '../types.ts';
import { parseCidr } from './cidr.ts';
import { base64, base64Offsets, toUtf16, windashVariants } from './encodings.ts';
import type { ModifierPlan } from './modifiers.ts';
import { compileRegex } from './regex.ts';
import { literalString, parseWildcards, plainText, type SigmaString, withStars } from './sigma-string.ts';
import { stringTest } from './string-test.ts';
import type { SigmaScalar } from './yaml-tree.ts';

/** How many values one Sigma value may become (windash permutations, placeholder products). */
const MAX_VARIANTS = 625;

export type ValueProblem = { construct: string; message: string };
export type ValueContext = {
  placeholders: Record<string, readonly string[]>;
  /** the mapped paths of another field (for `|fieldref`) */
  fieldPaths(field: string): FieldPath[];
};

const textOf = (scalar: SigmaScalar): string => (typeof scalar.value === 'string' ? scalar.value : scalar.source);

/**
 * `%name%` placeholders replaced by each of their values (a product when there are several); `\%` is a plain percent.
 * The result is still Sigma text, so placeholder values may carry wildcards (`srv*`).
 */
export function expandPlaceholders(raw: string, placeholders: Record<string, readonly string[]>): { values: string[] } | ValueProblem {
  let values = [''];
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i] as string;
    if (c === '\\' && raw[i + 1] === '%') {
      values = values.map((value) => `${value}%`);
      i++;
      continue;
    }
    const close = c === '%' ? raw.indexOf('%', i + 1) : -1;
    if (close < 0) {
      values = values.map((value) => value + c);
      continue;
    }
    const name = raw.slice(i + 1, close);
    const replacements = placeholders[name];
    if (!replacements || replacements.length === 0) return { construct: 'placeholder', message: `placeholder %${name}% has no values (options.placeholders)` };
    values = values.flatMap((value) => replacements.map((replacement) => value + replacement));
    if (values.length > MAX_VARIANTS) return { construct: 'placeholder', message: `placeholders expand to more than ${MAX_VARIANTS} values` };
    i = close;
  }
  return { values };
}

function applyStep(values: SigmaString[], step: ModifierPlan['steps'][number]): SigmaString[] | ValueProblem {
  const needsPlain = (name: string) => ({ construct: `modifier '${name}'`, message: `${name} cannot encode a value with wildcards` });
  switch (step) {
    case 'contains':
      return values.map((value) => withStars(value, true, true));
    case 'startswith':
      return values.map((value) => withStars(value, false, true));
    case 'endswith':
      return values.map((value) => withStars(value, true, false));
    case 'utf16le':
    case 'wide':
    case 'utf16be':
    case 'utf16':
      if (values.some((value) => value.bytes)) return { construct: `modifier '${step}'`, message: `${step} after another encoding` };
      return values.map((value) => toUtf16(value, step === 'wide' ? 'utf16le' : step));
    case 'base64':
    case 'base64offset': {
      const out: SigmaString[] = [];
      for (const value of values) {
        const text = plainText(value);
        if (text === null) return needsPlain(step);
        if (step === 'base64') out.push(literalString(base64(text, value.bytes)));
        else for (const shifted of base64Offsets(text, value.bytes)) out.push(literalString(shifted));
      }
      return out;
    }
    case 'windash': {
      if (values.some((value) => value.bytes)) return { construct: "modifier 'windash'", message: 'windash must come before encoding modifiers' };
      const out: SigmaString[] = [];
      for (const value of values) {
        const variants = windashVariants(value, MAX_VARIANTS);
        if (!variants || out.length + variants.length > MAX_VARIANTS)
          return { construct: "modifier 'windash'", message: `more than ${MAX_VARIANTS} windash variants` };
        out.push(...variants);
      }
      return out;
    }
  }
}

/** Sigma's plain numbers: `EventID: 4688` tests the number; `0x17` or `1.0` keep the text as written. */
function scalarTest(scalar: SigmaScalar): ValueTest | null {
  if (typeof scalar.value === 'number' && !scalar.quoted && scalar.source.trim() === String(scalar.value)) return { op: 'number', value: scalar.value };
  if (typeof scalar.value === 'boolean') return { op: 'bool', value: scalar.value };
  return null;
}

function stringTests(scalars: SigmaScalar[], plan: ModifierPlan, context: ValueContext): ValueTest[] | ValueProblem {
  const tests: ValueTest[] = [];
  for (const scalar of scalars) {
    if (scalar.value === null) {
      if (plan.steps.length > 0 || plan.expand) return { construct: 'null', message: 'null takes no modifier' };
      tests.push({ op: 'null' });
      continue;
    }
    const direct = plan.steps.length === 0 && !plan.expand ? scalarTest(scalar) : null;
    if (direct) {
      tests.push(direct);
      continue;
    }
    let raws = [textOf(scalar)];
    if (plan.expand) {
      const expanded = expandPlaceholders(textOf(scalar), context.placeholders);
      if ('construct' in expanded) return expanded;
      raws = expanded.values;
    }
    let values: SigmaString[] = raws.map(parseWildcards);
    for (const step of plan.steps) {
      const next = applyStep(values, step);
      if ('construct' in next) return next;
      values = next;
    }
    for (const value of values) tests.push(stringTest(value, plan.cased));
  }
  return tests;
}

function regexTests(scalars: SigmaScalar[], plan: ModifierPlan): ValueTest[] | ValueProblem {
  const tests: ValueTest[] = [];
  for (const scalar of scalars) {
    if (scalar.value === null) return { construct: 'regex', message: 're needs a string value' };
    const pattern = textOf(scalar);
    const compiled = compileRegex(pattern, plan.regexFlags);
    if ('error' in compiled) return { construct: 'regex', message: `'${pattern}' is not a valid RE2 regex: ${compiled.error}` };
    tests.push({ op: 'regex', pattern, flags: { ...plan.regexFlags } });
  }
  return tests;
}

function cidrTests(scalars: SigmaScalar[]): ValueTest[] | ValueProblem {
  const tests: ValueTest[] = [];
  for (const scalar of scalars) {
    const text = scalar.value === null ? '' : textOf(scalar).trim();
    if (!parseCidr(text)) return { construct: 'cidr', message: `'${text}' is not an IPv4 or IPv6 CIDR range` };
    tests.push({ op: 'cidr', cidr: text });
  }
  return tests;
}

function compareTests(scalars: SigmaScalar[], op: NonNullable<ModifierPlan['compare']>): ValueTest[] | ValueProblem {
  const tests: ValueTest[] = [];
  for (const scalar of scalars) {
    const value = typeof scalar.value === 'number' ? scalar.value : typeof scalar.value === 'string' ? Number(scalar.value.trim()) : Number.NaN;
    if (!Number.isFinite(value) || scalar.value === '') return { construct: `modifier '${op}'`, message: `${op} needs a number, not '${textOf(scalar)}'` };
    tests.push({ op, value });
  }
  return tests;
}

function fieldrefTests(scalars: SigmaScalar[], plan: ModifierPlan, context: ValueContext): ValueTest[] | ValueProblem {
  const last = plan.steps[plan.steps.length - 1];
  const mode = last === 'contains' || last === 'startswith' || last === 'endswith' ? last : 'equals';
  const tests: ValueTest[] = [];
  for (const scalar of scalars) {
    if (typeof scalar.value !== 'string' || scalar.value === '') return { construct: "modifier 'fieldref'", message: 'fieldref needs a field name' };
    tests.push({ op: 'fieldref', paths: context.fieldPaths(scalar.value), mode, cased: plan.cased });
  }
  return tests;
}

/** The ValueTests for one field's values under a modifier plan (one Sigma value may give several tests). */
export function valueTests(scalars: SigmaScalar[], plan: ModifierPlan, context: ValueContext): ValueTest[] | ValueProblem {
  switch (plan.kind) {
    case 'string':
      return stringTests(scalars, plan, context);
    case 're':
      return regexTests(scalars, plan);
    case 'cidr':
      return cidrTests(scalars);
    case 'compare':
      return compareTests(scalars, plan.compare ?? 'gt');
    case 'fieldref':
      return fieldrefTests(scalars, plan, context);
    case 'exists': {
      const [only] = scalars;
      if (scalars.length !== 1 || typeof only?.value !== 'boolean') return { construct: "modifier 'exists'", message: 'exists needs true or false' };
      return [{ op: 'exists', value: only.value }];
    }
  }
}
