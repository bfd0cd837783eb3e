import { router } from '../../server/trpc.ts';

/** EventSec alerts: the organisation's alert queue, triage, escalation and recorded alert actions. */
export const alertsRouter = router({});
