import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.generated.ts';

declare const orgIdBrand: unique symbol;
/** An organisation id that authentication (or a job re-checking its payload) has verified. */
export type OrgId = string & { readonly [orgIdBrand]: true };

/** Only server/auth and the job bootstrap may call this, after verifying membership. */
export function unsafeMintOrgId(verified: string): OrgId {
  return verified as OrgId;
}

export type Database = Kysely<DB>;
export type Executor = Kysely<DB> | Transaction<DB>;
