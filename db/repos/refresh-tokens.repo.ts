import { sql } from 'kysely';
import type { Executor, OrgId } from '../../core/database.ts';

export async function insertRefreshToken(
  db: Executor,
  orgId: OrgId,
  values: { jti: string; familyId: string; tokenHash: Uint8Array; expiresAt: Date },
): Promise<void> {
  await db
    .insertInto('refresh_tokens')
    .values({ jti: values.jti, family_id: values.familyId, org_id: orgId, token_hash: Buffer.from(values.tokenHash), expires_at: values.expiresAt })
    .execute();
}

export async function markRefreshTokenUsed(db: Executor, orgId: OrgId, jti: string): Promise<void> {
  await db
    .updateTable('refresh_tokens')
    .set({ used_at: sql`now()` })
    .where('refresh_tokens.org_id', '=', orgId)
    .where('refresh_tokens.jti', '=', jti)
    .execute();
}
