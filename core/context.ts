import type { Config } from './config.ts';
import type { Database, OrgId } from './database.ts';
import type { Logger } from './logger.ts';
import type { Principal } from './principal.ts';
import type { Secrets } from './secrets.ts';

/** Resolves when the configured search backend answers (with its cluster health when it reports one); rejects otherwise. */
export type SearchBackendProbe = () => Promise<{ health: 'green' | 'yellow' | 'red' } | undefined>;

/** What every use case may use, whatever the process (API, worker, script); built once by server/deps.ts. */
export type ServiceDeps = {
  db: Database;
  /** Read-only UTC sessions with the KQL statement timeout, for compiled KQL statements only (db/client.ts). */
  searchDb: Database;
  logger: Logger;
  config: Config;
  secrets: Secrets;
  searchProbe: SearchBackendProbe | null;
};

/** What a use case knows of its caller, whatever the transport (HTTP, job, script). */
export type ServiceContext = {
  deps: ServiceDeps;
  logger: Logger;
  requestId: string | null;
  ip: string | null;
};

export type OrgServiceContext = ServiceContext & { principal: Principal; orgId: OrgId };
