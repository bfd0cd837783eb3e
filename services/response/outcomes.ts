import type { AdapterOutcome, EnforcementAdapter } from './adapters/adapter.ts';

export type CombinedOutcome = { state: AdapterOutcome['state']; detail: string; adapter: string; reference: string | null };

/**
 * One outcome for an action carried out at several points: it is completed only when every point
 * enforces it, dispatched while some point will report later, failed when any point failed, and
 * unsupported only when no point could take it.
 */
export function combineOutcomes(adapters: readonly EnforcementAdapter[], outcomes: readonly AdapterOutcome[]): CombinedOutcome {
  const states = new Set(outcomes.map((outcome) => outcome.state));
  const state: AdapterOutcome['state'] = states.has('failed')
    ? 'failed'
    : states.has('dispatched')
      ? 'dispatched'
      : states.has('completed')
        ? 'completed'
        : 'unsupported';
  const detail = outcomes.map((outcome, index) => `${adapters[index]?.kind ?? '?'}: ${outcome.detail}`).join('; ');
  const references = outcomes.flatMap((outcome) => ('reference' in outcome && outcome.reference ? [outcome.reference] : []));
  return { state, detail, adapter: [...new Set(adapters.map((adapter) => adapter.kind))].join(','), reference: references.join(',') || null };
}

/** An adapter's exception as an outcome: its message only, never a stack, and never longer than a log line. */
export function failureOf(error: unknown): AdapterOutcome {
  const message = error instanceof Error ? error.message : String(error);
  return { state: 'failed', detail: message.slice(0, 500) };
}
