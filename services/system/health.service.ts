import { z } from 'zod';
import type { SearchBackendProbe } from '../../core/context.ts';
import type { Database } from '../../core/database.ts';
import { checkReadiness, ZReadiness } from './readiness.service.ts';

export const ZHealth = z.object({
  status: z.enum(['healthy', 'degraded']).describe('healthy when every check passes'),
  timestamp: z.string().describe('Server time (ISO 8601)'),
  checks: ZReadiness.omit({ status: true }).describe('The readiness checks'),
});
export type Health = z.infer<typeof ZHealth>;

/** Mini-XDR's health: the readiness checks under its own status words. */
export async function checkHealth(db: Database, searchProbe: SearchBackendProbe | null): Promise<Health> {
  const { status, ...checks } = await checkReadiness(db, searchProbe);
  return { status: status === 'ok' ? 'healthy' : 'degraded', timestamp: new Date().toISOString(), checks };
}
