import { z } from 'zod';
import { ZDetectionSettings, ZDetectionSettingsOverride } from '../../engines/detection/index.ts';

export const ZAutoContain = z.object({ enabled: z.boolean() });

export const ZDetectionSettingsView = z.object({
  effective: ZDetectionSettings.describe('What detection uses: the defaults with the override applied'),
  override: ZDetectionSettingsOverride.describe("The organisation's stored override"),
  defaults: ZDetectionSettings,
  override_valid: z.boolean().describe('False when a stored override no longer validates; detection then uses the defaults'),
  updated_at: z.string().nullable(),
});

export const ZDetectionHealth = z.object({
  detectors: z.array(
    z.object({
      detector: z.string(),
      title: z.string(),
      enabled: z.boolean(),
      last_run_at: z.string().nullable(),
      events_scanned: z.number().int(),
      matches: z.number().int(),
      errors: z.number().int().describe('Runs that failed, since the detector first ran'),
      last_error: z.string().nullable(),
      last_error_at: z.string().nullable(),
      status: z.enum(['ok', 'failing', 'idle']).describe('idle: disabled or never ran; failing: its last run failed'),
    }),
  ),
  cursor: z.object({
    last_event_id: z.number().int().describe('Detection has scanned every stored event up to this id'),
    updated_at: z.string().nullable(),
  }),
  lag: z.object({
    events: z.number().int().describe('Stored events not scanned yet'),
    capped: z.boolean().describe('True when the count stopped at its bound (100 000): there are at least that many'),
    oldest_pending_received_at: z.string().nullable(),
    seconds: z.number().int().describe('How long the oldest unscanned event has waited'),
  }),
  generated_at: z.string(),
});
