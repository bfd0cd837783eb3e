import { z } from 'zod';
import { AppError } from '../../../core/errors.ts';
import { type ActionDefinition, actionDefinition } from '../catalogue.ts';

export const SAFETY_LEVELS = ['low', 'medium', 'high'] as const;

export const ZWorkflowStepInput = z.object({
  action_type: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_]{0,63}$/, 'lower-case letters, digits and _'),
  parameters: z
    .record(z.string(), z.unknown())
    .refine((value) => JSON.stringify(value).length <= 8192, 'must be at most 8 KiB of JSON')
    .default({}),
  timeout_seconds: z.number().int().min(1).max(86_400).optional(),
  continue_on_failure: z.boolean().optional(),
  retry_count: z.number().int().min(0).max(10).optional().describe("Mini-XDR's name for max_retries"),
  max_retries: z.number().int().min(0).max(10).optional(),
  safety_level: z.enum(SAFETY_LEVELS).optional().describe('high: the workflow needs a soc_lead’s approval whatever the action'),
});
export type WorkflowStepInput = z.input<typeof ZWorkflowStepInput>;

/** Mini-XDR's catalogue names for the actions Vigil executes under its own names. */
const LEGACY_ACTION_NAMES: Readonly<Record<string, string>> = {
  block_ip_advanced: 'block_ip',
  isolate_host_advanced: 'isolate_host',
  un_isolate: 'un_isolate_host',
  account_disable: 'disable_account',
  password_reset_bulk: 'reset_password',
  reset_passwords: 'reset_password',
  session_termination: 'revoke_session',
  domain_blocking: 'block_url',
};

export type PlannedStep = {
  step_index: number;
  action_type: string;
  parameters: Record<string, unknown>;
  timeout_seconds: number;
  max_retries: number;
  continue_on_failure: boolean;
  high: boolean;
};

function unknownStep(index: number, type: string): AppError {
  const path = `steps.${index}.action_type`;
  return new AppError('VALIDATION_FAILED', `${path}: ${type} is not an action Vigil executes (GET /api/response/actions lists them)`, {
    issues: [{ path, message: 'unknown action type' }],
  });
}

/** Validates each step against the catalogue (an unknown type is refused, never skipped) and applies Mini-XDR's defaults. */
export function planSteps(steps: readonly WorkflowStepInput[]): PlannedStep[] {
  if (steps.length === 0)
    throw new AppError('VALIDATION_FAILED', 'steps: a workflow needs at least one step', { issues: [{ path: 'steps', message: 'empty' }] });
  return steps.map((input, index) => {
    const step = ZWorkflowStepInput.parse(input);
    const type = LEGACY_ACTION_NAMES[step.action_type] ?? step.action_type;
    const definition: ActionDefinition | undefined = actionDefinition(type);
    if (!definition) throw unknownStep(index, step.action_type);
    return {
      step_index: index,
      action_type: type,
      parameters: step.parameters,
      timeout_seconds: step.timeout_seconds ?? 300,
      max_retries: step.max_retries ?? step.retry_count ?? 3,
      continue_on_failure: step.continue_on_failure ?? false,
      high: definition.safetyLevel === 'high' || step.safety_level === 'high',
    };
  });
}

const TARGET_KEYS: Readonly<Record<ActionDefinition['target'], readonly string[]>> = {
  ip: ['ip', 'ip_address', 'source_ip', 'target_ip', 'target'],
  host: ['hostname', 'host_identifier', 'host', 'target'],
  user: ['account', 'username', 'user', 'email', 'target'],
  url: ['url', 'target'],
  sender: ['sender', 'email', 'target'],
};

/** The step's target from its parameters (Mini-XDR's names accepted), or undefined to take the incident's. */
export function stepTarget(definition: ActionDefinition, parameters: Record<string, unknown>): string | undefined {
  for (const key of TARGET_KEYS[definition.target]) {
    const value = parameters[key];
    if (typeof value === 'string' && value.trim() !== '') return value;
  }
  return undefined;
}

export function stepDuration(parameters: Record<string, unknown>): number | null {
  const value = parameters.duration_seconds ?? (typeof parameters.duration === 'number' ? parameters.duration * 60 : undefined);
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : null;
}
