import { z } from 'zod';
import type { OrgServiceContext } from '../../core/context.ts';
import { AppError } from '../../core/errors.ts';
import { adaptersFor, noAdapterReason } from './adapters/registry.ts';
import { ACTION_CATALOGUE, ACTION_CATEGORIES, type ActionDefinition } from './catalogue.ts';

/** The parameter naming each target kind, as workflows and POST /api/response/actions/execute send it. */
export const TARGET_PARAMETER = { ip: 'ip', host: 'hostname', user: 'account', url: 'url', sender: 'sender' } as const;

const TARGET_SCHEMA = {
  ip: { type: 'string', format: 'ip', description: 'IPv4 or IPv6 address' },
  host: { type: 'string', description: 'Host name of an enrolled agent' },
  user: { type: 'string', description: 'Account: email, integer user id or UUID' },
  url: { type: 'string', format: 'uri', description: 'http(s) URL' },
  sender: { type: 'string', description: 'Email address or domain' },
} as const;

function parametersSchema(definition: ActionDefinition): Record<string, unknown> {
  const name = TARGET_PARAMETER[definition.target];
  return {
    type: 'object',
    required: [name],
    properties: {
      [name]: TARGET_SCHEMA[definition.target],
      ...(definition.timed
        ? {
            duration_seconds: {
              type: 'integer',
              minimum: 1,
              maximum: 31_536_000,
              description: 'Lifted by the enforcement point and a durable job after this long',
            },
          }
        : {}),
    },
    additionalProperties: false,
  };
}

export const ZCatalogueEntry = z.object({
  category: z.enum(ACTION_CATEGORIES),
  name: z.string(),
  description: z.string(),
  parameters: z.array(z.string()).describe("Mini-XDR's list of parameter names"),
  parameters_schema: z.record(z.string(), z.unknown()).describe('JSON Schema of the parameters'),
  safety_level: z.enum(['low', 'medium', 'high']).describe('high: automation needs a soc_lead’s approval'),
  rollback_supported: z.boolean(),
  inverse: z.string().nullable(),
  executable: z.boolean().describe('An enforcement point that can carry it out is configured for your organisation now'),
  executable_reason: z.string().nullable().describe('Why not, when it is not'),
  adapters: z.array(z.string()),
  estimated_duration: z.string(),
});

export const ZCatalogue = z.object({ success: z.literal(true), actions: z.record(z.string(), ZCatalogueEntry), total_count: z.number().int() });

/** Mini-XDR's action catalogue, with whether each action can act here and now (read from the configured points). */
export async function listActionCatalogue(ctx: OrgServiceContext, category: string | undefined): Promise<z.infer<typeof ZCatalogue>> {
  if (category !== undefined && !(ACTION_CATEGORIES as readonly string[]).includes(category)) {
    throw new AppError('VALIDATION_FAILED', `category: must be one of ${ACTION_CATEGORIES.join(', ')}`, {
      issues: [{ path: 'category', message: 'unknown category' }],
    });
  }
  const entries = await Promise.all(
    Object.entries(ACTION_CATALOGUE)
      .filter(([, definition]) => category === undefined || definition.category === category)
      .map(async ([type, entry]): Promise<[string, z.infer<typeof ZCatalogueEntry>]> => {
        const definition: ActionDefinition = entry;
        const executable = (await adaptersFor(ctx.deps, ctx.orgId, definition)).length > 0;
        const schema = parametersSchema(definition);
        return [
          type,
          {
            category: definition.category,
            name: definition.name,
            description: definition.description,
            parameters: Object.keys(schema.properties as object),
            parameters_schema: schema,
            safety_level: definition.safetyLevel,
            rollback_supported: definition.inverse !== null,
            inverse: definition.inverse,
            executable,
            executable_reason: executable ? null : noAdapterReason(definition, type),
            adapters: [...definition.adapters],
            estimated_duration: definition.adapters.includes('agent') ? 'until the agent reports (its next poll)' : 'seconds',
          },
        ];
      }),
  );
  return { success: true, actions: Object.fromEntries(entries), total_count: entries.length };
}
