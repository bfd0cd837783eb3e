import { router } from '../../server/trpc.ts';

/** Network sensors (Suricata/Zeek), EDR and SIEM event stores, threat map and honeypot statistics. */
export const networkRouter = router({});
