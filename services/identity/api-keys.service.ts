import type { OrgServiceContext } from '../../core/context.ts';
import type { Executor } from '../../core/database.ts';
import { AppError } from '../../core/errors.ts';
import { type Role, weakerRole } from '../../core/permissions.ts';
import { findApiKey, insertApiKey, listApiKeys, listLiveApiKeysCreatedBy, revokeApiKey, revokeApiKeysCreatedBy } from '../../db/repos/api-keys.repo.ts';
import type { UserRow } from '../../db/repos/users.repo.ts';
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
      created_by: await creatingUser(trx, ctx),
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

/**
 * The user a new key answers to (ADR 0011): the caller, or for a key made with a key, that key's own
 * creator, so a key never outlives the person behind the chain.
 */
async function creatingUser(db: Executor, ctx: OrgServiceContext): Promise<string | null> {
  const { principal } = ctx;
  if (principal.actorType === 'user') return principal.actorId;
  if (principal.actorType === 'api_key') {
    const callingKey = await findApiKey(db, ctx.orgId, principal.actorId);
    if (!callingKey) throw new AppError('UNAUTHENTICATED', 'The API key making this request no longer exists');
    return callingKey.created_by;
  }
  throw new AppError('FORBIDDEN', 'Only users and their API keys may create API keys');
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

/**
 * Applies a change of a user to the keys they created, on the transaction that changes the user:
 * deactivation revokes them for good; a role change moves what they may do (authentication bounds a
 * key by its creator's current role), and each key whose power moves is audited.
 */
export async function applyCreatorChangeToApiKeys(trx: Executor, ctx: OrgServiceContext, before: UserRow, after: UserRow): Promise<void> {
  if (before.is_active && !after.is_active) {
    for (const key of await revokeApiKeysCreatedBy(trx, ctx.orgId, after.id)) {
      await recordAudit(trx, ctx, {
        orgId: ctx.orgId,
        action: 'api_key.revoked',
        actor: actorOf(ctx),
        target: { type: 'api_key', id: key.id },
        details: { name: key.name, reason: 'creator_deactivated', creator: after.id },
      });
    }
    return;
  }
  if (before.role === after.role || !after.is_active) return;
  for (const key of await listLiveApiKeysCreatedBy(trx, ctx.orgId, after.id)) {
    const from = weakerRole(key.role as Role, before.role as Role);
    const to = weakerRole(key.role as Role, after.role as Role);
    if (from === to) continue;
    await recordAudit(trx, ctx, {
      orgId: ctx.orgId,
      action: 'api_key.effective_role_changed',
      actor: actorOf(ctx),
      target: { type: 'api_key', id: key.id },
      details: { name: key.name, role: key.role, from, to, reason: 'creator_role_changed', creator: after.id },
    });
  }
}
