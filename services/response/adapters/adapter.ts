/**
 * One enforcement point (a firewall, an agent, an identity store) behind one interface. Every method
 * answers from the enforcement point itself: `apply` and `revert` say what the point accepted, and
 * `status` reads the point back, never Vigil's own records.
 */
export type EnforcementTarget =
  | { kind: 'ip'; value: string }
  | { kind: 'host'; value: string }
  | { kind: 'user'; value: string }
  | { kind: 'url'; value: string }
  | { kind: 'sender'; value: string };

export type ApplyOptions = {
  /** The catalogue action being carried out, for adapters that enforce more than one (identity, agent). */
  action?: string;
  /** Vigil's id of the response action, for adapters that report completion later (the agent queue). */
  actionId?: number;
  /** Seconds until the enforcement point itself drops the block (so it lapses even if Vigil is down). */
  timeoutSeconds?: number;
  /** Validate and describe what would be done, change nothing. */
  dryRun?: boolean;
};

/** `completed`: the point enforces it now. `dispatched`: handed over, completion reported later (agents). */
export type AdapterOutcome =
  | { state: 'completed' | 'dispatched'; detail: string; reference?: string }
  | { state: 'failed'; detail: string }
  | { state: 'unsupported'; detail: string };

export type EnforcementStatus = {
  enforced: boolean;
  /** Seconds left before the point drops it by itself, when it has a timeout. */
  expiresInSeconds?: number;
  detail: string;
};

export interface EnforcementAdapter {
  /** Stable adapter kind, e.g. `nftables`, `nftables_ssh`, `agent`, `webhook`, `identity`. */
  readonly kind: string;
  /** Target kinds this adapter can enforce. */
  readonly targets: readonly EnforcementTarget['kind'][];
  apply(target: EnforcementTarget, options?: ApplyOptions): Promise<AdapterOutcome>;
  revert(target: EnforcementTarget, options?: Pick<ApplyOptions, 'dryRun' | 'action' | 'actionId'>): Promise<AdapterOutcome>;
  status(target: EnforcementTarget): Promise<EnforcementStatus>;
}
