import type { Executor, OrgId } from '../../core/database.ts';
import { readOrgSettings } from '../../db/repos/org-settings.repo.ts';
import { type DetectionSettings, mergeSettings, ZDetectionSettingsOverride } from '../../engines/detection/index.ts';

/** The organisation's thresholds: documented defaults, overridden by what the organisation stored. */
export async function loadDetectionSettings(db: Executor, orgId: OrgId): Promise<DetectionSettings> {
  const stored = await readOrgSettings(db, orgId);
  const parsed = ZDetectionSettingsOverride.safeParse(stored.detection ?? {});
  return mergeSettings(parsed.success ? parsed.data : {});
}
