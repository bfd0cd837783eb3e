import type { Database, OrgId } from '../db/scope.ts';
import type { Config } from '../server/config.ts';
import type { Logger } from '../server/logger.ts';
import type { Secrets } from '../server/secrets.ts';
import type { Principal } from './auth/principal.ts';

export type ServiceDeps = { db: Database; logger: Logger; config: Config; secrets: Secrets };

/** What a use case knows of its caller, whatever the transport (HTTP, job, script). */
export type ServiceContext = {
  deps: ServiceDeps;
  logger: Logger;
  requestId: string | null;
  ip: string | null;
};

export type OrgServiceContext = ServiceContext & { principal: Principal; orgId: OrgId };
