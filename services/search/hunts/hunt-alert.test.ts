import { describe, expect, it } from 'vitest';
import type { HuntRow } from '../../../db/repos/hunts.repo.ts';
import { EVIDENCE_ROWS, huntAlert } from './hunt-alert.ts';
import { rowKey } from './row-keys.ts';

const hunt = {
  id: '0b6f0c1e-0000-4000-8000-000000000001',
  public_id: 7,
  name: 'Encoded PowerShell',
  query: 'Events | where ProcessCommandLine has "-enc"',
  severity: 'high',
  mitre: ['T1059.001'],
  lookback_seconds: 3600,
} as unknown as HuntRow;
const window = { start: new Date('2026-12-01T10:00:00Z'), end: new Date('2026-12-01T11:00:00Z') };
const rowsOf = (count: number) => Array.from({ length: count }, (_, index) => ({ EventId: index + 1, HostName: 'ws-1' }));

describe('the alert of a hunt run', () => {
  it('carries the hunt, its KQL, the window and the first rows as evidence', () => {
    const rows = rowsOf(25);
    const alert = huntAlert(hunt, window, { rows, keys: rows.map(rowKey), returned: 30, truncated: false });
    expect(alert).toMatchObject({
      source: 'hunt',
      detector: 'hunt',
      title: 'Hunt: Encoded PowerShell',
      severity: 'high',
      mitre: ['T1059.001'],
      category: 'hunt',
    });
    expect(alert.fingerprint).toMatch(/^hunt\|0b6f0c1e-0000-4000-8000-000000000001\|[0-9a-f]{32}$/);
    expect(alert.description).toContain('25 new rows (of 30 returned)');
    expect(alert.evidence[0]).toEqual({ name: 'hunt_new_rows', observed: 25, threshold: 1, weight: 1 });
    expect(alert.evidence[1]).toMatchObject({
      name: 'hunt',
      hunt_id: 7,
      query: hunt.query,
      window_start: '2026-12-01T10:00:00.000Z',
      window_end: '2026-12-01T11:00:00.000Z',
    });
    expect(alert.evidence.slice(2)).toHaveLength(EVIDENCE_ROWS);
    expect(alert.evidence[2]).toMatchObject({ name: 'hunt_row', observed: 1, row: { EventId: 1, HostName: 'ws-1' } });
    expect(alert.firstSeen).toEqual(window.start);
  });

  it('fingerprints the set of new rows: the same rows, the same fingerprint', () => {
    const rows = rowsOf(3);
    const first = huntAlert(hunt, window, { rows, keys: rows.map(rowKey), returned: 3, truncated: false });
    const reversed = [...rows].reverse();
    expect(huntAlert(hunt, window, { rows: reversed, keys: reversed.map(rowKey), returned: 3, truncated: false }).fingerprint).toBe(first.fingerprint);
    const more = rowsOf(4);
    expect(huntAlert(hunt, window, { rows: more, keys: more.map(rowKey), returned: 4, truncated: false }).fingerprint).not.toBe(first.fingerprint);
  });

  it('shows a huge row as a prefix of its JSON', () => {
    const rows = [{ EventId: 1, Raw: 'x'.repeat(20_000) }];
    const alert = huntAlert(hunt, window, { rows, keys: rows.map(rowKey), returned: 1, truncated: true });
    expect(alert.evidence[2]).toMatchObject({ row: { truncated: true } });
    expect(alert.description).toContain('1 new row (of 1 returned, truncated)');
  });
});
