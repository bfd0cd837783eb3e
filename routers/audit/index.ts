import { router } from '../../server/trpc.ts';
import { listAuditProcedure } from './list-audit.ts';

export const auditRouter = router({ list: listAuditProcedure });
