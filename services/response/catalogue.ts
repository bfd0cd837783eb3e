import type { EnforcementTarget } from './adapters/adapter.ts';

export const ACTION_CATEGORIES = ['network', 'endpoint', 'identity', 'email', 'web'] as const;
export type ActionCategory = (typeof ACTION_CATEGORIES)[number];

/** What an action does to its target: `apply` or `revert` on the adapter. */
export type ActionDirection = 'apply' | 'revert';

export type ActionDefinition = {
  category: ActionCategory;
  name: string;
  description: string;
  target: EnforcementTarget['kind'];
  direction: ActionDirection;
  /** The action that undoes this one (null: nothing undoes it). */
  inverse: string | null;
  /** high: disruptive, so automation needs a soc_lead's approval before it runs. */
  safetyLevel: 'low' | 'medium' | 'high';
  /** Whether a duration makes sense (the enforcement point lifts it by itself). */
  timed: boolean;
  /** Which adapter kinds can carry it out, in order of preference. */
  adapters: readonly string[];
};

const FIREWALLS = ['nftables', 'nftables_ssh', 'webhook'] as const;

/** Every action Vigil can execute. Anything else is tracked by hand (EventSec's /actions tracker), never "executed". */
export const ACTION_CATALOGUE = {
  block_ip: {
    category: 'network',
    name: 'Block IP',
    description: 'Drop traffic from an address at the configured firewalls (nftables set element with a timeout).',
    target: 'ip',
    direction: 'apply',
    inverse: 'unblock_ip',
    safetyLevel: 'medium',
    timed: true,
    adapters: FIREWALLS,
  },
  unblock_ip: {
    category: 'network',
    name: 'Unblock IP',
    description: 'Remove the address from the firewalls’ block sets.',
    target: 'ip',
    direction: 'revert',
    inverse: 'block_ip',
    safetyLevel: 'low',
    timed: false,
    adapters: FIREWALLS,
  },
  isolate_host: {
    category: 'endpoint',
    name: 'Isolate host',
    description: 'The host’s agent cuts it off the network except for Vigil; done when the agent reports it.',
    target: 'host',
    direction: 'apply',
    inverse: 'un_isolate_host',
    safetyLevel: 'high',
    timed: true,
    adapters: ['agent'],
  },
  un_isolate_host: {
    category: 'endpoint',
    name: 'Release host',
    description: 'The host’s agent restores its network.',
    target: 'host',
    direction: 'revert',
    inverse: 'isolate_host',
    safetyLevel: 'low',
    timed: false,
    adapters: ['agent'],
  },
  revoke_session: {
    category: 'identity',
    name: 'Revoke sessions',
    description: 'End every session and refresh token of the account.',
    target: 'user',
    direction: 'apply',
    inverse: null,
    safetyLevel: 'medium',
    timed: false,
    adapters: ['identity'],
  },
  disable_account: {
    category: 'identity',
    name: 'Disable account',
    description: 'Disable the account and end its sessions.',
    target: 'user',
    direction: 'apply',
    inverse: 'enable_account',
    safetyLevel: 'high',
    timed: true,
    adapters: ['identity'],
  },
  enable_account: {
    category: 'identity',
    name: 'Enable account',
    description: 'Enable a disabled account.',
    target: 'user',
    direction: 'revert',
    inverse: 'disable_account',
    safetyLevel: 'low',
    timed: false,
    adapters: ['identity'],
  },
  reset_password: {
    category: 'identity',
    name: 'Reset password',
    description: 'Force a password change at next login and end the account’s sessions.',
    target: 'user',
    direction: 'apply',
    inverse: null,
    safetyLevel: 'high',
    timed: false,
    adapters: ['identity'],
  },
  block_url: {
    category: 'web',
    name: 'Block URL',
    description: 'Push the URL to the organisation’s agents’ block lists.',
    target: 'url',
    direction: 'apply',
    inverse: 'unblock_url',
    safetyLevel: 'low',
    timed: true,
    adapters: ['agent'],
  },
  unblock_url: {
    category: 'web',
    name: 'Unblock URL',
    description: 'Remove the URL from the agents’ block lists.',
    target: 'url',
    direction: 'revert',
    inverse: 'block_url',
    safetyLevel: 'low',
    timed: false,
    adapters: ['agent'],
  },
  block_sender: {
    category: 'email',
    name: 'Block sender',
    description: 'Push the sender address to the agents’ mail block lists.',
    target: 'sender',
    direction: 'apply',
    inverse: 'unblock_sender',
    safetyLevel: 'low',
    timed: true,
    adapters: ['agent'],
  },
  unblock_sender: {
    category: 'email',
    name: 'Unblock sender',
    description: 'Remove the sender from the agents’ mail block lists.',
    target: 'sender',
    direction: 'revert',
    inverse: 'block_sender',
    safetyLevel: 'low',
    timed: false,
    adapters: ['agent'],
  },
} as const satisfies Record<string, ActionDefinition>;

export type ActionType = keyof typeof ACTION_CATALOGUE;
export const ACTION_TYPES = Object.keys(ACTION_CATALOGUE) as ActionType[];

export function actionDefinition(type: string): ActionDefinition | undefined {
  return Object.hasOwn(ACTION_CATALOGUE, type) ? ACTION_CATALOGUE[type as ActionType] : undefined;
}
