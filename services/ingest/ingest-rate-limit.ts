import type { OrgServiceContext } from '../../core/context.ts';
import { enforceRateLimit } from '../identity/index.ts';

/** Per-credential ingest budget: each agent, device, API key or user has its own minute window. */
export function enforceIngestRateLimit(ctx: OrgServiceContext): Promise<void> {
  const { actorType, actorId } = ctx.principal;
  return enforceRateLimit(ctx.deps.db, {
    key: `ingest:${actorType}:${actorId}`,
    limit: ctx.deps.config.INGEST_LIMIT_PER_MINUTE,
    windowSeconds: 60,
    what: 'ingest requests for this credential',
  });
}
