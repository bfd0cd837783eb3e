import type { OrgServiceContext } from '../../core/context.ts';
import { AppError } from '../../core/errors.ts';
import type { Role } from '../../core/permissions.ts';
import { insertApiKey, listApiKeys, revokeApiKey } from '../../db/repos/api-keys.repo.ts';
import { type ApiKeyDto, toApiKeyDto } from './api-key.dto.ts';
import { generateApiKey } from './api-key-format.ts';
import { actorOf, recordAudit } from './audit.service.ts';
import { hashSecret } from './secure-tokens.ts';

export const MAX_KEYS_LISTED = 500;

/** Creates a key; the plaintext is returned this once and only its hash is kept. */
export async function createApiKey(ctx: OrgServiceContext, input: { name: string; role: Role }): Promise<{ apiKey: ApiKeyDto; key: string }> {
  const { key, prefix } = generateApiKey();
  const row = await ctx.deps.db.transaction().execute(async (trx) => {
    const created = await insertApiKey(trx, ctx.orgId, {
      name: input.name.trim(),
      prefix,
      key_hash: Buffer.from(hashSecret(key)),
      role: input.role,
      created_by: ctx.principal.actorId,
    });
    await recordAudit(trx, ctx, {
      orgId: ctx.orgId,
      action: 'api_key.created',
      actor: actorOf(ctx),
      target: { type: 'api_key', id: created.id },
      details: { name: created.name, role: created.role, prefix },
    });
    return created;
  });
  return { apiKey: toApiKeyDto(row), key };
}

export async function listOrgApiKeys(ctx: OrgServiceContext): Promise<ApiKeyDto[]> {
  return (await listApiKeys(ctx.deps.db, ctx.orgId, MAX_KEYS_LISTED)).map(toApiKeyDto);
}

export async function revokeOrgApiKey(ctx: OrgServiceContext, keyId: string): Promise<ApiKeyDto> {
  return ctx.deps.db.transaction().execute(async (trx) => {
    const row = await revokeApiKey(trx, ctx.orgId, keyId);
    if (!row) throw new AppError('NOT_FOUND', `API key '${keyId}' not found`);
    await recordAudit(trx, ctx, { orgId: ctx.orgId, action: 'api_key.revoked', actor: actorOf(ctx), target: { type: 'api_key', id: keyId } });
    return toApiKeyDto(row);
  });
}
