import { router } from '../trpc.ts';
import { getAutoContainProcedure } from './get-auto-contain.ts';
import { getDetectionHealthProcedure } from './get-detection-health.ts';
import { getDetectionSettingsProcedure } from './get-detection-settings.ts';
import { putDetectionSettingsProcedure } from './put-detection-settings.ts';
import { setAutoContainProcedure } from './set-auto-contain.ts';

/** Per-organisation settings (auto-containment, detection thresholds) and detection health. */
export const settingsRouter = router({
  getAutoContain: getAutoContainProcedure,
  setAutoContain: setAutoContainProcedure,
  detectionHealth: getDetectionHealthProcedure,
  getDetectionSettings: getDetectionSettingsProcedure,
  putDetectionSettings: putDetectionSettingsProcedure,
});
