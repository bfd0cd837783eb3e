import { type CompiledQuery, Kysely, PostgresDialect } from 'kysely';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deps } from '../../server/deps.ts';
import { runDetectionOnce } from '../../services/detection/index.ts';
import { honeypotAttackerStats, listEdrEvents, listNetworkEvents, listSiemEvents } from '../../services/events/index.ts';
import { ingestRecords } from '../../services/ingest/index.ts';
import { createTestOrg, orgServiceContext, type TestOrg } from '../../tests/fixtures/identity.ts';
import { createTestDeps } from '../../tests/harness.ts';
import { fileDatabaseUrl } from '../../tests/setup/test-db.ts';
import { createPool } from '../client.ts';
import { addIncidentItem } from '../repos/incident-items.repo.ts';
import type { DB } from '../schema.generated.ts';
import { unsafeEnsureEventPartition, utcDay } from '../unsafe/event-partitions.ts';
import { loadEventsByKeys } from './agents.ts';
import { listAlertEventSummaries } from './alerts.ts';
import { incidentEventStats, listIncidentEventRows, listRecentIncidentEventRows } from './cases.ts';
import { attackFlowRows } from './cases-analytics.ts';
import { selectEntityWindow } from './detection.ts';

// Pruning is asserted on plans, not timings: with 1,000 day partitions, each main read of events must plan
// over a handful of them (PostgreSQL prunes at plan time on constant occurred_at bounds).

const DAY_MS = 86_400_000;
const PAST_DAYS = 700;
const ATTACK_DAYS = 300;
const HANDFUL = 4;
const ATTACKER = '203.0.113.77';

let deps: Deps;
let pool: pg.Pool;
let captured: CompiledQuery[] = [];
let capturing: Kysely<DB>;
let org: TestOrg;
let incidentId: number;
let alertId: number;
const now = new Date();

async function createPartitions(days: readonly Date[]): Promise<void> {
  const queue = [...days];
  const worker = async () => {
    for (let day = queue.shift(); day !== undefined; day = queue.shift()) await unsafeEnsureEventPartition(deps.db, day);
  };
  await Promise.all(Array.from({ length: 4 }, worker));
}

async function seedIncident(): Promise<void> {
  const ctx = orgServiceContext(deps, org);
  const start = now.getTime() - 30 * 60_000;
  const logins = Array.from({ length: 6 }, (_, i) => ({
    eventid: 'cowrie.login.failed',
    timestamp: new Date(start + i * 5000).toISOString(),
    src_ip: ATTACKER,
    session: `s-${i}`,
    username: 'root',
    password: `guess${i}`,
  }));
  await ingestRecords(ctx, { channel: 'cowrie', source: 'cowrie', records: logins });
  const network = await ingestRecords(ctx, {
    channel: 'network',
    source: 'suricata',
    records: [{ timestamp: new Date(start).toISOString(), event_type: 'alert', src_ip: ATTACKER, dest_ip: '10.0.0.5', alert: { signature: 'scan' } }],
  });
  await runDetectionOnce(deps, org.orgId, 0);
  const alert = await deps.db
    .selectFrom('alerts')
    .select(['id', 'incident_id'])
    .where('org_id', '=', org.orgId)
    .where('incident_id', 'is not', null)
    .executeTakeFirstOrThrow();
  alertId = Number(alert.id);
  incidentId = Number(alert.incident_id);
  const networkEventId = network.storedIds[0];
  if (networkEventId === undefined) throw new Error('the network event was not stored');
  await addIncidentItem(deps.db, org.orgId, incidentId, { kind: 'network_event', refId: String(networkEventId) });
}

beforeAll(async () => {
  deps = await createTestDeps();
  pool = createPool(fileDatabaseUrl(), deps.config, deps.logger, 'vigil-pruning-test');
  capturing = new Kysely<DB>({
    dialect: new PostgresDialect({ pool }),
    log: (event) => {
      if (event.level === 'query') captured.push(event.query);
    },
  });
  const today = utcDay(now).getTime();
  const past = Array.from({ length: PAST_DAYS }, (_, i) => new Date(today - i * DAY_MS));
  const attack = Array.from({ length: ATTACK_DAYS }, (_, i) => new Date(Date.parse('2300-01-01T00:00:00Z') + i * DAY_MS));
  await createPartitions([...past, ...attack]);
  org = await createTestOrg(deps);
  await seedIncident();
}, 180_000);

afterAll(async () => {
  await capturing?.destroy();
  await deps?.close();
});

type PlanNode = { 'Relation Name'?: string; Plans?: PlanNode[] };

function relationsOf(node: PlanNode, into: Set<string>): Set<string> {
  if (node['Relation Name']?.match(/^events_(p\d{8}|archive)$/)) into.add(node['Relation Name']);
  for (const child of node.Plans ?? []) relationsOf(child, into);
  return into;
}

async function partitionsPlanned(query: CompiledQuery): Promise<Set<string>> {
  const result = await pool.query<{ 'QUERY PLAN': { Plan: PlanNode }[] }>(`explain (format json) ${query.sql}`, [...query.parameters]);
  const plan = result.rows[0]?.['QUERY PLAN'][0]?.Plan;
  if (!plan) throw new Error('no plan');
  return relationsOf(plan, new Set());
}

const READS_EVENTS = /\b(from|join)\s+"?events"?(\s|$)/i;

/** Runs `read` on a connection that records its SQL, then EXPLAINs every statement that reads events. */
async function plannedPartitions(read: (db: Kysely<DB>) => Promise<unknown>): Promise<number[]> {
  captured = [];
  await read(capturing);
  const reads = captured.filter((query) => READS_EVENTS.test(query.sql));
  if (reads.length === 0) throw new Error('the read issued no query on events');
  return Promise.all(reads.map(async (query) => (await partitionsPlanned(query)).size));
}

const serviceContext = (db: Kysely<DB>) => orgServiceContext({ ...deps, db }, org);

describe(`event reads over ${PAST_DAYS + ATTACK_DAYS} day partitions`, () => {
  it('the check is meaningful: a read without a time bound plans over every partition', async () => {
    const counts = await plannedPartitions((db) => db.selectFrom('events').select('id').where('org_id', '=', org.orgId).execute());
    expect(counts[0]).toBeGreaterThanOrEqual(PAST_DAYS + ATTACK_DAYS);
  });

  const reads: [string, (db: Kysely<DB>) => Promise<unknown>][] = [
    ['incident events (page)', (db) => listIncidentEventRows(db, org.orgId, incidentId, { limit: 50, offset: 0 })],
    ['incident events (recent, for indicators)', (db) => listRecentIncidentEventRows(db, org.orgId, incidentId, 1000)],
    ['incident event statistics', (db) => incidentEventStats(db, org.orgId, incidentId, 100)],
    ['alert evidence', (db) => listAlertEventSummaries(db, org.orgId, alertId, 20)],
    [
      'attack flows of incidents',
      (db) =>
        attackFlowRows(
          db,
          org.orgId,
          { since: new Date(now.getTime() - DAY_MS), until: new Date(now.getTime() + DAY_MS) },
          { maxIncidents: 100, maxRows: 100 },
        ),
    ],
    ['network events list', (db) => listNetworkEvents(serviceContext(db), { size: 50, offset: 0 })],
    ['EDR view', (db) => listEdrEvents(serviceContext(db), { size: 50 })],
    ['SIEM view', (db) => listSiemEvents(serviceContext(db), { size: 50 })],
    ['honeypot attacker statistics', (db) => honeypotAttackerStats(serviceContext(db), 24)],
    [
      'agent event page',
      (db) =>
        loadEventsByKeys(db, org.orgId, [
          { id: 1, occurredAt: new Date(now.getTime() - 3_600_000) },
          { id: 2, occurredAt: now },
        ]),
    ],
    ['detection windows', (db) => selectEntityWindow(db, org.orgId, 'src_ip', [ATTACKER], { from: new Date(now.getTime() - 3_600_000), to: now }, 50_000)],
  ];

  it.each(reads)('%s plans over a handful of partitions', async (_name, read) => {
    const counts = await plannedPartitions(read);
    for (const count of counts) {
      expect(count).toBeGreaterThan(0);
      expect(count).toBeLessThanOrEqual(HANDFUL);
    }
  });
});
