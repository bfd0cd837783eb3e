/** The value modifiers Vigil implements, by what they do to a value (sigma-appendix-modifiers.md). */
export const MATCH_MODIFIERS = ['contains', 'startswith', 'endswith'] as const;
export const ENCODING_MODIFIERS = ['base64', 'base64offset', 'utf16le', 'utf16be', 'utf16', 'wide', 'windash'] as const;
export const COMPARE_MODIFIERS = ['gt', 'gte', 'lt', 'lte'] as const;
export const REGEX_FLAGS = ['i', 'm', 's'] as const;
/** Time modifiers (spec 2.1) need a date parser per log format; no SigmaHQ rule uses them yet. */
const TIME_MODIFIERS = ['minute', 'hour', 'day', 'week', 'month', 'year'];

export type MatchModifier = (typeof MATCH_MODIFIERS)[number];
export type EncodingModifier = (typeof ENCODING_MODIFIERS)[number];
export type CompareModifier = (typeof COMPARE_MODIFIERS)[number];

const KNOWN = new Set<string>([
  ...MATCH_MODIFIERS,
  ...ENCODING_MODIFIERS,
  ...COMPARE_MODIFIERS,
  ...REGEX_FLAGS,
  'all',
  're',
  'cidr',
  'exists',
  'fieldref',
  'cased',
  'expand',
  'neq',
]);

const isOneOf = <T extends string>(list: readonly T[], value: string): value is T => (list as readonly string[]).includes(value);

/** What a field key's modifier chain asks for; `kind` is the test family, the rest how values are prepared. */
export type ModifierPlan = {
  kind: 'string' | 're' | 'cidr' | 'compare' | 'exists' | 'fieldref';
  /** value transforms and match modifiers in the written order (Sigma applies them in order) */
  steps: Array<MatchModifier | EncodingModifier>;
  compare: CompareModifier | null;
  all: boolean;
  cased: boolean;
  expand: boolean;
  negate: boolean;
  regexFlags: { i: boolean; m: boolean; s: boolean };
};

export type ModifierError = { construct: string; message: string };

/** Reads `field|mod1|mod2` modifiers into a plan, or names the first modifier or combination it cannot use. */
export function planModifiers(modifiers: string[]): ModifierPlan | ModifierError {
  const plan: ModifierPlan = {
    kind: 'string',
    steps: [],
    compare: null,
    all: false,
    cased: false,
    expand: false,
    negate: false,
    regexFlags: { i: false, m: false, s: false },
  };
  const kinds = new Set<ModifierPlan['kind']>();
  for (const modifier of modifiers) {
    if (TIME_MODIFIERS.includes(modifier)) return { construct: `modifier '${modifier}'`, message: `time modifier '${modifier}' is not supported` };
    if (!KNOWN.has(modifier)) return { construct: `modifier '${modifier}'`, message: `unknown modifier '${modifier}'` };
    if (isOneOf(MATCH_MODIFIERS, modifier) || isOneOf(ENCODING_MODIFIERS, modifier)) plan.steps.push(modifier);
    else if (isOneOf(COMPARE_MODIFIERS, modifier)) {
      if (plan.compare) return { construct: `modifier '${modifier}'`, message: `'${modifier}' after '${plan.compare}'` };
      plan.compare = modifier;
      kinds.add('compare');
    } else if (isOneOf(REGEX_FLAGS, modifier)) {
      if (!kinds.has('re')) return { construct: `modifier '${modifier}'`, message: `'${modifier}' is a regex flag and must follow 're'` };
      plan.regexFlags[modifier] = true;
    } else if (modifier === 're' || modifier === 'cidr' || modifier === 'exists' || modifier === 'fieldref') kinds.add(modifier);
    else if (modifier === 'all') plan.all = true;
    else if (modifier === 'cased') plan.cased = true;
    else if (modifier === 'expand') plan.expand = true;
    else if (modifier === 'neq') plan.negate = true;
  }
  if (kinds.size > 1) return { construct: 'modifier combination', message: `${[...kinds].join(' and ')} cannot be combined` };
  const [kind] = [...kinds];
  plan.kind = kind ?? 'string';
  if (plan.kind === 'fieldref' && plan.steps.some((step) => !isOneOf(MATCH_MODIFIERS, step)))
    return { construct: 'modifier combination', message: 'fieldref takes only contains, startswith, endswith, cased, all and neq' };
  if (plan.kind !== 'string' && plan.kind !== 'fieldref' && plan.steps.length > 0)
    return { construct: 'modifier combination', message: `${plan.steps.join(', ')} cannot be combined with ${plan.kind}` };
  if (plan.kind === 'exists' && (plan.all || plan.expand || plan.negate))
    return { construct: 'modifier combination', message: 'exists takes no other modifier' };
  return plan;
}
