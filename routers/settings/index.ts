import { router } from '../../server/trpc.ts';

/** Per-organisation settings (auto-containment, detection thresholds) and detection health. */
export const settingsRouter = router({});
