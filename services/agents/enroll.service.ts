import { z } from 'zod';
import type { ServiceContext } from '../../core/context.ts';
import { unsafeMintOrgId } from '../../core/database.ts';
import { AppError } from '../../core/errors.ts';
import { touchEnrollmentKey } from '../../db/repos/agent-enrollment-keys.repo.ts';
import { insertEnrolledAgent, reenrollAgent } from '../../db/repos/agents.repo.ts';
import { unsafeFindEnrollmentKeyByPrefix } from '../../db/unsafe/credentials.repo.ts';
import {
  enforceRateLimit,
  generateAgentKey,
  hashSecret,
  parseAgentKey,
  parseEnrollmentKey,
  recordAudit,
  resolvePrincipal,
  secretMatches,
} from '../identity/index.ts';

export type EnrolInput = {
  name: string;
  os: string;
  ip_address: string | null;
  version?: string | undefined;
  enrollment_key: string;
  /** The agent key this host holds now, if any: it makes the enrolment a key rotation of that agent. */
  current_agent_key?: string | undefined;
};

export const ZEnrolment = z.object({
  agent_id: z.number().int().describe('Agent id (integer), used in /agents/{agent_id} paths'),
  api_key: z.string().describe('Send as X-Agent-Key (or X-Agent-Token, or Authorization: Bearer). Shown only in this response.'),
  heartbeat_interval_seconds: z.number().int(),
  rotated: z.boolean().describe('True when the caller proved it is an enrolled agent (its current key) and got a new key; false for a new agent'),
});
export type Enrolment = z.infer<typeof ZEnrolment>;

const REJECTED_AGENT_KEY = 'The presented agent key is invalid, revoked or of another organisation: enrol without it to register a new agent';

/**
 * Enrols an agent in the organisation its enrolment key belongs to. A host name is no proof of
 * identity (two hosts may share one), so enrolment creates a new agent unless the caller presents
 * the current key of a live agent of that organisation: that agent then gets a new key (the old one
 * stops working) and the host facts sent.
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
  const proven = input.current_agent_key === undefined ? null : await provenAgent(ctx, input.current_agent_key, orgId);
  const { key, prefix } = generateAgentKey();
  const values = {
    name: input.name,
    os: input.os,
    ip_address: input.ip_address,
    version: input.version ?? null,
    key_prefix: prefix,
    key_hash: Buffer.from(hashSecret(key)),
    enrollment_key_id: enrolmentKey.id,
  };
  return db.transaction().execute(async (trx) => {
    const agent = proven === null ? await insertEnrolledAgent(trx, orgId, values) : await reenrollAgent(trx, orgId, proven, values);
    // revoked, or re-enrolled by a concurrent call, since the key was checked
    if (!agent) throw new AppError('UNAUTHENTICATED', REJECTED_AGENT_KEY);
    await touchEnrollmentKey(trx, orgId, enrolmentKey.id);
    await recordAudit(trx, ctx, {
      orgId,
      action: proven === null ? 'agent.enrolled' : 'agent.key_rotated',
      actor: { type: 'agent_enrollment_key', id: enrolmentKey.id },
      target: { type: 'agent', id: agent.id },
      details: { name: agent.name, os: agent.os, version: agent.version, public_id: agent.public_id },
    });
    return { agent_id: agent.public_id, api_key: key, heartbeat_interval_seconds: agent.heartbeat_interval_seconds, rotated: proven !== null };
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

/** The live agent whose key was presented (checked like any agent credential), and that key's prefix. */
async function provenAgent(ctx: ServiceContext, presented: string, orgId: string): Promise<{ id: string; currentKeyPrefix: string }> {
  const key = presented.trim();
  const principal = await resolvePrincipal(ctx.deps, { agentKey: key });
  const parsed = parseAgentKey(key);
  if (principal === null || principal === 'invalid' || principal.actorType !== 'agent' || principal.orgId !== orgId || !parsed) {
    throw new AppError('UNAUTHENTICATED', REJECTED_AGENT_KEY);
  }
  return { id: principal.actorId, currentKeyPrefix: parsed.prefix };
}
