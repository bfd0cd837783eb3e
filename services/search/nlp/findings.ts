import type { NlTranslation } from '../../../engines/kql/nl/index.ts';

type Row = Record<string, unknown>;
export type Explanation = { recommendations: string[]; followUps: string[] };

const text = (value: unknown): string => (typeof value === 'string' ? value : value === null || value === undefined ? '' : String(value));
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The most frequent non-empty values of `column` among the rows, with their counts. */
function frequencies(rows: readonly Row[], column: string): { value: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const row of rows) {
    const value = text(row[column]);
    if (value !== '') counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  return [...counts.entries()].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
}

function followUpsFor(column: string, value: string): string[] {
  if (column === 'SrcIp') return [`alerts for ${value}`, `events from ${value} in the last 24 hours`];
  if (column === 'UserName') return [`events for user ${value} in the last 24 hours`];
  if (column === 'HostName') return [`events on host ${value} in the last 24 hours`];
  return [];
}

function explainTop(translation: NlTranslation, rows: readonly Row[]): Explanation {
  const aggregation = translation.understanding.filters.aggregation;
  if (aggregation?.kind !== 'top' || rows.length === 0) return { recommendations: [], followUps: [] };
  const column = Object.keys(rows[0] as Row).find((name) => name !== 'Count' && name !== 'LastSeen') ?? '';
  const total = rows.reduce((sum, row) => sum + Number(row.Count ?? 0), 0);
  const leader = rows[0] as Row;
  const count = Number(leader.Count ?? 0);
  const share = total > 0 ? Math.round((count / total) * 100) : 0;
  const value = text(leader[column]);
  return {
    recommendations: [
      `${value} leads with ${count} ${translation.understanding.filters.table.toLowerCase()}, ${share}% of the ${total} counted for the top ${rows.length}: review it first.`,
    ],
    followUps: followUpsFor(column, value),
  };
}

function explainTimeline(rows: readonly Row[]): Explanation {
  if (rows.length === 0) return { recommendations: [], followUps: [] };
  const counts = rows.map((row) => Number(row.Count ?? 0));
  const mean = counts.reduce((a, b) => a + b, 0) / counts.length;
  const peak = rows.reduce((best, row) => (Number(row.Count ?? 0) > Number(best.Count ?? 0) ? row : best), rows[0] as Row);
  const peakCount = Number(peak.Count ?? 0);
  if (rows.length < 2 || peakCount < 2 * mean) return { recommendations: [], followUps: [] };
  return {
    recommendations: [
      `The busiest interval starts at ${text(peak.TimeGenerated)} with ${peakCount} (the mean is ${mean.toFixed(1)}): look at what happened then.`,
    ],
    followUps: [],
  };
}

function explainLogins(translation: NlTranslation, rows: readonly Row[]): Explanation {
  const sources = frequencies(rows, 'SrcIp');
  const failed = translation.understanding.intent === 'failed_logins';
  const recommendations: string[] = [];
  for (const source of sources.slice(0, 3)) {
    const users = frequencies(
      rows.filter((row) => text(row.SrcIp) === source.value),
      'UserName',
    ).map((user) => user.value);
    const tried = users.length > 0 ? ` (accounts: ${users.slice(0, 5).join(', ')}${users.length > 5 ? ', …' : ''})` : '';
    recommendations.push(
      failed
        ? `${source.value}: ${plural(source.count, 'failed login')} among these rows${tried}; check whether any login from it succeeded, and block it if it is not yours.`
        : `${source.value}: ${plural(source.count, 'successful login')} among these rows${tried}; confirm it is expected.`,
    );
  }
  const top = sources[0];
  const followUps = top ? [failed ? `successful logins from ${top.value}` : `failed logins from ${top.value}`, `alerts for ${top.value}`] : [];
  return { recommendations, followUps };
}

function explainIncidents(rows: readonly Row[]): Explanation {
  const open = rows.filter((row) => text(row.Status) === 'open');
  const riskiest = [...rows].sort((a, b) => Number(b.RiskScore ?? 0) - Number(a.RiskScore ?? 0))[0];
  const recommendations: string[] = [];
  if (riskiest) {
    recommendations.push(
      `Incident ${text(riskiest.IncidentId)} has the highest risk score (${Number(riskiest.RiskScore ?? 0).toFixed(2)}, status ${text(riskiest.Status)}): start there.`,
    );
  }
  if (open.length > 0) recommendations.push(`${plural(open.length, 'incident')} of these ${rows.length} still open.`);
  const source = frequencies(rows, 'SrcIp')[0];
  return { recommendations, followUps: source ? followUpsFor('SrcIp', source.value) : [] };
}

function explainAlerts(rows: readonly Row[]): Explanation {
  const open = rows.filter((row) => text(row.Status) === 'open').length;
  const critical = rows.filter((row) => text(row.Severity) === 'critical').length;
  const recommendations: string[] = [];
  if (critical > 0) recommendations.push(`${plural(critical, 'critical alert')} among these rows: triage them first.`);
  if (open > 0) recommendations.push(`${plural(open, 'alert')} of these ${rows.length} still open.`);
  const source = frequencies(rows, 'SrcIp')[0];
  if (source && source.count > 1) recommendations.push(`${source.value} raised ${source.count} of them.`);
  return { recommendations, followUps: source ? followUpsFor('SrcIp', source.value) : [] };
}

/** The most frequent source, user or host among event rows, when one repeats. */
function explainEvents(rows: readonly Row[]): Explanation {
  for (const column of ['SrcIp', 'HostName', 'UserName']) {
    const top = frequencies(rows, column)[0];
    if (top && top.count > 1) {
      return {
        recommendations: [`${top.value} appears in ${top.count} of these ${rows.length} rows (${column}).`],
        followUps: followUpsFor(column, top.value),
      };
    }
  }
  return { recommendations: [], followUps: [] };
}

/** Recommendations and follow-up questions drawn from the rows found; nothing found yields none. */
export function explainRows(translation: NlTranslation, rows: readonly Row[], truncated: boolean): Explanation {
  if (rows.length === 0) return { recommendations: [], followUps: [] };
  const intent = translation.understanding.intent;
  const explained =
    intent === 'top_entities'
      ? explainTop(translation, rows)
      : intent === 'count_over_time'
        ? explainTimeline(rows)
        : intent === 'count'
          ? { recommendations: [], followUps: [] }
          : intent === 'failed_logins' || intent === 'successful_logins'
            ? explainLogins(translation, rows)
            : translation.understanding.filters.table === 'Incidents'
              ? explainIncidents(rows)
              : translation.understanding.filters.table === 'Alerts'
                ? explainAlerts(rows)
                : explainEvents(rows);
  if (truncated) explained.recommendations.push(`Only the first ${rows.length} rows are shown and more exist: narrow the question or raise max_results.`);
  return { recommendations: explained.recommendations, followUps: [...new Set(explained.followUps)] };
}
