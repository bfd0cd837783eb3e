import { z } from 'zod';
import type { ServiceContext } from '../../core/context.ts';
import { unsafeMintOrgId } from '../../core/database.ts';
import { AppError } from '../../core/errors.ts';
import { touchEnrollmentKey } from '../../db/repos/agent-enrollment-keys.repo.ts';
import { upsertEnrolledAgent } from '../../db/repos/agents.repo.ts';
import { unsafeFindEnrollmentKeyByPrefix } from '../../db/unsafe/credentials.repo.ts';
import { enforceRateLimit, generateAgentKey, hashSecret, parseEnrollmentKey, recordAudit, secretMatches } from '../identity/index.ts';

export type EnrolInput = { name: string; os: string; ip_address: string | null; version?: string | undefined; enrollment_key: string };

export const ZEnrolment = z.object({
  agent_id: z.string(),
  api_key: z.string().describe('Send as X-Agent-Key (or Authorization: Bearer). Shown only in this response.'),
  heartbeat_interval_seconds: z.number().int(),
  rotated: z.boolean().describe('True when an agent of this name existed and got a new key'),
});
export type Enrolment = z.infer<typeof ZEnrolment>;

/**
 * Enrols an agent in the organisation its enrolment key belongs to. Enrolling a name that already
 * has a live agent (a reinstalled host) issues that agent a new key; the old key stops working.
 */
export async function enrollAgent(ctx: ServiceContext, input: EnrolInput): Promise<Enrolment> {
  const { db, config } = ctx.deps;
  await enforceRateLimit(db, {
    key: `agent-enroll:ip:${ctx.ip}`,
    limit: config.AUTH_LOGIN_LIMIT_PER_IP,
    windowSeconds: 60,
    what: 'enrolment attempts from this address',
  });
  const enrolmentKey = await verifiedEnrollmentKey(ctx, input.enrollment_key);
  const orgId = unsafeMintOrgId(enrolmentKey.org_id);
  const { key, prefix } = generateAgentKey();
  return db.transaction().execute(async (trx) => {
    const { agent, created } = await upsertEnrolledAgent(trx, orgId, {
      name: input.name,
      os: input.os,
      ip_address: input.ip_address,
      version: input.version ?? null,
      key_prefix: prefix,
      key_hash: Buffer.from(hashSecret(key)),
      enrollment_key_id: enrolmentKey.id,
    });
    await touchEnrollmentKey(trx, orgId, enrolmentKey.id);
    await recordAudit(trx, ctx, {
      orgId,
      action: created ? 'agent.enrolled' : 'agent.key_rotated',
      actor: { type: 'agent_enrollment_key', id: enrolmentKey.id },
      target: { type: 'agent', id: agent.id },
      details: { name: agent.name, os: agent.os, version: agent.version },
    });
    return { agent_id: agent.id, api_key: key, heartbeat_interval_seconds: agent.heartbeat_interval_seconds, rotated: !created };
  });
}

async function verifiedEnrollmentKey(ctx: ServiceContext, presented: string) {
  const parsed = parseEnrollmentKey(presented.trim());
  const row = parsed ? await unsafeFindEnrollmentKeyByPrefix(ctx.deps.db, parsed.prefix) : undefined;
  if (!row || row.revoked_at || !secretMatches(presented.trim(), row.key_hash)) {
    throw new AppError('UNAUTHENTICATED', 'Invalid or revoked enrolment key');
  }
  return row;
}
