import { ZodError, z } from 'zod';
import type { OrgServiceContext } from '../../core/context.ts';
import { AppError } from '../../core/errors.ts';
import { readOrgSettings, writeOrgSettings } from '../../db/repos/org-settings.repo.ts';
import {
  DEFAULT_DETECTION_SETTINGS,
  DETECTORS,
  type DetectionSettingsOverride,
  mergeSettings,
  ZDetectionSettings,
  ZDetectionSettingsOverride,
} from '../../engines/detection/index.ts';
import { actorOf, recordAudit } from '../identity/index.ts';

export const ZDetectionSettingsView = z.object({
  effective: ZDetectionSettings.describe('What detection uses: the defaults with the override applied'),
  override: ZDetectionSettingsOverride.describe("The organisation's stored override"),
  defaults: ZDetectionSettings,
  override_valid: z.boolean().describe('False when a stored override no longer validates; detection then uses the defaults'),
  updated_at: z.string().nullable(),
});
export type DetectionSettingsView = z.infer<typeof ZDetectionSettingsView>;

/** The thresholds detection uses for the organisation: defaults merged with its stored override. */
export async function getDetectionSettingsView(ctx: OrgServiceContext): Promise<DetectionSettingsView> {
  const stored = await readOrgSettings(ctx.deps.db, ctx.orgId);
  const parsed = ZDetectionSettingsOverride.safeParse(stored.detection ?? {});
  // Detection ignores an override that no longer validates (see loadDetectionSettings); say so.
  const override = parsed.success ? parsed.data : {};
  return {
    effective: mergeSettings(override),
    override,
    defaults: DEFAULT_DETECTION_SETTINGS,
    override_valid: parsed.success,
    updated_at: stored.updated_at?.toISOString() ?? null,
  };
}

function validated(override: DetectionSettingsOverride): void {
  const known = new Set(DETECTORS.map((detector) => detector.id));
  const unknown = (override.disabledDetectors ?? []).flatMap((id, index) =>
    known.has(id) ? [] : [{ path: `disabledDetectors.${index}`, message: `unknown detector '${id}'` }],
  );
  if (unknown.length > 0) throw new AppError('VALIDATION_FAILED', 'Unknown detector in disabledDetectors', { issues: unknown });
  try {
    mergeSettings(override);
  } catch (error) {
    if (error instanceof ZodError)
      throw new AppError('VALIDATION_FAILED', 'Detection settings are inconsistent', {
        issues: error.issues.map((issue) => ({ path: issue.path.map(String).join('.') || '(body)', message: issue.message })),
      });
    throw error;
  }
}

/** PUT replaces the whole override (absent sections fall back to the defaults); validated, audited. */
export async function replaceDetectionOverride(ctx: OrgServiceContext, override: DetectionSettingsOverride): Promise<DetectionSettingsView> {
  validated(override);
  await ctx.deps.db.transaction().execute(async (trx) => {
    const previous = (await readOrgSettings(trx, ctx.orgId)).detection;
    await writeOrgSettings(trx, ctx.orgId, { detection: override }, ctx.principal.actorId);
    await recordAudit(trx, ctx, {
      orgId: ctx.orgId,
      action: 'settings.detection_changed',
      actor: actorOf(ctx),
      target: { type: 'org_settings', id: ctx.orgId },
      details: { from: previous, to: override },
    });
  });
  return getDetectionSettingsView(ctx);
}
