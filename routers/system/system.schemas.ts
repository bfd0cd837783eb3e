import { z } from 'zod';

const ZCheck = z.enum(['ok', 'fail']);

export const ZReadiness = z.object({
  status: z.enum(['ok', 'fail']).describe('ok when every check passes'),
  db: ZCheck.describe('Database reachable within 2 s'),
  migrations: ZCheck.describe('No migration pending'),
  worker: ZCheck.describe('At least one job worker reported in the last 45 s'),
  opensearch: z.enum(['ok', 'fail', 'disabled']).describe('OpenSearch reachable, or disabled when OPENSEARCH_URL is unset'),
  error: z.string().optional().describe('What is not ready'),
});
