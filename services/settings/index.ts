export { getAutoContain, setAutoContain } from './auto-contain.service.ts';
export { getDetectionHealth } from './detection-health.service.ts';
export { getDetectionSettingsView, replaceDetectionOverride } from './detection-settings.service.ts';
