import type { OrgServiceContext } from '../../core/context.ts';
import { AppError } from '../../core/errors.ts';
import { insertEnrollmentKey, listEnrollmentKeys, revokeEnrollmentKey } from '../../db/repos/agent-enrollment-keys.repo.ts';
import { actorOf, generateEnrollmentKey, hashSecret, recordAudit } from '../identity/index.ts';
import { type EnrollmentKeyDto, toEnrollmentKeyDto } from './enrollment-key.dto.ts';

export const MAX_ENROLLMENT_KEYS_LISTED = 500;

/** Creates an enrolment key for the caller's organisation; the plaintext is returned this once. */
export async function createEnrollmentKey(ctx: OrgServiceContext, input: { name: string }): Promise<{ enrollmentKey: EnrollmentKeyDto; key: string }> {
  const { key, prefix } = generateEnrollmentKey();
  const row = await ctx.deps.db.transaction().execute(async (trx) => {
    const created = await insertEnrollmentKey(trx, ctx.orgId, {
      name: input.name.trim(),
      prefix,
      key_hash: Buffer.from(hashSecret(key)),
      created_by: ctx.principal.actorId,
    });
    await recordAudit(trx, ctx, {
      orgId: ctx.orgId,
      action: 'agent_enrollment_key.created',
      actor: actorOf(ctx),
      target: { type: 'agent_enrollment_key', id: created.id },
      details: { name: created.name, prefix },
    });
    return created;
  });
  return { enrollmentKey: toEnrollmentKeyDto(row), key };
}

export async function listOrgEnrollmentKeys(ctx: OrgServiceContext): Promise<EnrollmentKeyDto[]> {
  return (await listEnrollmentKeys(ctx.deps.db, ctx.orgId, MAX_ENROLLMENT_KEYS_LISTED)).map(toEnrollmentKeyDto);
}

/** Agents already enrolled keep working: revoking the enrolment key only stops new enrolments. */
export function revokeOrgEnrollmentKey(ctx: OrgServiceContext, keyId: string): Promise<EnrollmentKeyDto> {
  return ctx.deps.db.transaction().execute(async (trx) => {
    const row = await revokeEnrollmentKey(trx, ctx.orgId, keyId);
    if (!row) throw new AppError('NOT_FOUND', `Enrolment key '${keyId}' not found`);
    await recordAudit(trx, ctx, {
      orgId: ctx.orgId,
      action: 'agent_enrollment_key.revoked',
      actor: actorOf(ctx),
      target: { type: 'agent_enrollment_key', id: keyId },
    });
    return toEnrollmentKeyDto(row);
  });
}
