import type { OrgServiceContext } from '../../core/context.ts';
import { type AttackerRow, type HoneypotTopRow, honeypotTopRows, honeypotTotalsRow, topAttackerRows } from '../../db/queries/events.ts';
import type { AttackerDetail, HoneypotAttackerStats, ValueCount } from './honeypot-stats.dto.ts';
import { eventTimePolicy, latestEventTime } from './partitions.ts';

export const ATTACKERS_DETAILED = 100;
const TOP_ATTACKERS = 10;
const TOP_VALUES = 10;
const CATEGORIES = ['brute_force', 'command_execution', 'file_operations', 'web_attacks'] as const;

function detailOf(row: AttackerRow): AttackerDetail {
  return {
    total_events: row.total_events,
    first_seen: row.first_seen.toISOString(),
    last_seen: row.last_seen.toISOString(),
    event_types: row.event_types,
    attack_categories: CATEGORIES.filter((category) => row[category]),
    duration_hours: Math.round(((row.last_seen.getTime() - row.first_seen.getTime()) / 3600_000) * 100) / 100,
  };
}

function topOf(rows: HoneypotTopRow[], list: HoneypotTopRow['list']): ValueCount[] {
  return rows.filter((row) => row.list === list).map((row) => ({ value: row.value, count: row.count }));
}

/**
 * GET /honeypot/attacker-stats: Mini-XDR's documented fields computed for real over the organisation's
 * Cowrie events of the last `hours` (by event time), plus the top credentials, commands and downloads.
 */
export async function honeypotAttackerStats(ctx: OrgServiceContext, hours: number): Promise<HoneypotAttackerStats> {
  const now = new Date();
  const window = { from: new Date(now.getTime() - hours * 3600_000), to: latestEventTime(eventTimePolicy(ctx.deps.config), now) };
  const { db } = ctx.deps;
  const [attackers, totals, tops] = await Promise.all([
    topAttackerRows(db, ctx.orgId, window, ATTACKERS_DETAILED),
    honeypotTotalsRow(db, ctx.orgId, window),
    honeypotTopRows(db, ctx.orgId, window, TOP_VALUES),
  ]);
  return {
    timeframe_hours: hours,
    total_attackers: totals.total_attackers,
    total_events: totals.total_events,
    attacker_details: Object.fromEntries(attackers.map((row) => [row.ip, detailOf(row)])),
    attack_type_distribution: {
      brute_force: totals.brute_force,
      command_execution: totals.command_execution,
      file_operations: totals.file_operations,
      web_attacks: totals.web_attacks,
    },
    top_attackers: attackers.slice(0, TOP_ATTACKERS).map((row): [string, number] => [row.ip, row.total_events]),
    top_usernames: topOf(tops, 'username'),
    top_passwords: topOf(tops, 'password'),
    top_commands: topOf(tops, 'command'),
    top_downloads: topOf(tops, 'download'),
    analysis_timestamp: now.toISOString(),
  };
}
