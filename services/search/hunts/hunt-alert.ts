import type { HuntRow } from '../../../db/repos/hunts.repo.ts';
import type { RaisedAlert } from '../../alerts/index.ts';
import type { HuntSeverity } from './hunt.dto.ts';
import type { HuntWindow } from './kql.ts';
import { canonicalJson, rowSetDigest } from './row-keys.ts';

/** An alert shows this many of the run's new rows; the rest are counted. */
export const EVIDENCE_ROWS = 20;
/** A row larger than this (as JSON) is shown as a prefix of its JSON. */
const MAX_ROW_CHARS = 8000;

export type HuntFinding = { rows: readonly Record<string, unknown>[]; keys: readonly string[]; returned: number; truncated: boolean };

function shownRow(row: Record<string, unknown>): Record<string, unknown> {
  const json = canonicalJson(row);
  return json.length <= MAX_ROW_CHARS ? row : { truncated: true, json_prefix: json.slice(0, MAX_ROW_CHARS) };
}

/**
 * The one alert a scheduled run raises for the rows no earlier run alerted on. Evidence: first the firing criterion
 * (new rows ≥ 1, what the risk score reads), then the hunt with its KQL and the run window, then the first rows.
 * The fingerprint is the hunt and the digest of the new rows' keys: the same rows never make a second alert.
 */
export function huntAlert(hunt: HuntRow, window: HuntWindow, finding: HuntFinding): RaisedAlert {
  const shown = finding.rows.slice(0, EVIDENCE_ROWS);
  const plural = finding.rows.length === 1 ? 'row' : 'rows';
  return {
    fingerprint: `hunt|${hunt.id}|${rowSetDigest(finding.keys)}`,
    source: 'hunt',
    detector: 'hunt',
    title: `Hunt: ${hunt.name}`,
    description: `${finding.rows.length} new ${plural} (of ${finding.returned} returned${finding.truncated ? ', truncated' : ''}) from hunt #${hunt.public_id} '${hunt.name}' over ${window.start.toISOString()} – ${window.end.toISOString()}`,
    category: 'hunt',
    severity: hunt.severity as HuntSeverity,
    mitre: hunt.mitre,
    firstSeen: window.start,
    lastSeen: window.end,
    evidence: [
      { name: 'hunt_new_rows', observed: finding.rows.length, threshold: 1, weight: 1 },
      {
        name: 'hunt',
        observed: Number(hunt.public_id),
        threshold: '',
        weight: 0,
        hunt_id: Number(hunt.public_id),
        hunt_name: hunt.name,
        query: hunt.query,
        window_start: window.start.toISOString(),
        window_end: window.end.toISOString(),
        row_count: finding.returned,
        new_row_count: finding.rows.length,
        truncated: finding.truncated,
      },
      ...shown.map((row, index) => ({ name: 'hunt_row', observed: index + 1, threshold: '', weight: 0, row: shownRow(row) })),
    ],
  };
}
