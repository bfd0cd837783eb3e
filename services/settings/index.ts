export { getAutoContain, setAutoContain, ZAutoContain } from './auto-contain.service.ts';
export { getDetectionHealth, ZDetectionHealth } from './detection-health.service.ts';
export { getDetectionSettingsView, replaceDetectionOverride, ZDetectionSettingsView } from './detection-settings.service.ts';
