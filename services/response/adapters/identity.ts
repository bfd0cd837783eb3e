import type { Database, OrgId } from '../../../core/database.ts';
import { type AccountResponse, accountState, respondOnAccount } from '../../identity/index.ts';
import type { AdapterOutcome, ApplyOptions, EnforcementAdapter, EnforcementStatus, EnforcementTarget } from './adapter.ts';

const RESPONSES: Readonly<Record<string, AccountResponse>> = {
  revoke_session: 'revoke_sessions',
  disable_account: 'disable',
  reset_password: 'reset_password',
  enable_account: 'enable',
};

/** An account Vigil does not hold lives in a directory no adapter is configured for: said, never pretended. */
function outsideVigil(account: string): AdapterOutcome {
  return { state: 'unsupported', detail: `${account} is not a Vigil account, and no external identity provider adapter is configured for this organisation` };
}

/** Vigil's own accounts. An external identity provider is another adapter of the same kind, configured per organisation. */
export function createIdentityAdapter(db: Database, orgId: OrgId): EnforcementAdapter {
  async function act(target: EnforcementTarget, options: ApplyOptions | undefined, fallback: AccountResponse): Promise<AdapterOutcome> {
    if (target.kind !== 'user') return { state: 'unsupported', detail: `the identity adapter acts on accounts, not on a ${target.kind}` };
    const response = (options?.action && RESPONSES[options.action]) || fallback;
    if (options?.dryRun) {
      const state = await accountState(db, orgId, target.value);
      return state.found ? { state: 'completed', detail: `dry run: would ${response.replace('_', ' ')} for ${target.value}` } : outsideVigil(target.value);
    }
    const result = await respondOnAccount(db, orgId, target.value, response);
    return result.found ? { state: 'completed', detail: result.detail } : outsideVigil(target.value);
  }
  return {
    kind: 'identity',
    targets: ['user'],
    apply: (target, options) => act(target, options, 'disable'),
    revert: (target, options) => act(target, { ...options, action: 'enable_account' }, 'enable'),
    async status(target): Promise<EnforcementStatus> {
      const state = await accountState(db, orgId, target.value);
      if (!state.found) return { enforced: false, detail: `no account ${target.value} in the organisation` };
      return { enforced: !state.active, detail: state.active ? 'account active' : 'account disabled' };
    },
  };
}
