import { type ImportEdge, isTestFile } from './import-graph.ts';

export type Rule = { name: string; violates: (edge: ImportEdge) => boolean };

const under = (file: string, ...dirs: string[]) => dirs.some((dir) => file === dir || file.startsWith(`${dir}/`));
const serviceDomain = (file: string) => (under(file, 'services') ? file.split('/')[1] : undefined);
const isDomainEntry = (file: string) => /^services\/[^/]+\/index\.ts$/.test(file);

/**
 * The layers point one way: server → routers → services → db → core, jobs/tasks → services, engines
 * alone. Test files may reach anywhere (they check what the layers wrote), except across these rules
 * where a production file would.
 */
export const RULES: readonly Rule[] = [
  { name: 'routers never import db/ or server/', violates: (e) => under(e.from, 'routers') && under(e.to, 'db', 'server') },
  {
    name: 'core/ imports only core/ and the generated database types',
    violates: (e) => under(e.from, 'core') && !under(e.to, 'core') && !(e.to === 'db/schema.generated.ts' && e.typeOnly),
  },
  {
    name: 'services never import server/, routers/ or jobs/tasks',
    violates: (e) => under(e.from, 'services') && under(e.to, 'server', 'routers', 'jobs/tasks'),
  },
  { name: 'engines import only engines/', violates: (e) => under(e.from, 'engines') && !under(e.to, 'engines') },
  { name: 'db/ imports only db/ and core/', violates: (e) => under(e.from, 'db') && !under(e.to, 'db', 'core') },
  { name: 'job tasks call services, never repositories', violates: (e) => under(e.from, 'jobs/tasks') && under(e.to, 'db') },
  {
    name: 'a domain reaches another domain only through its services/<domain>/index.ts',
    violates: (e) => serviceDomain(e.to) !== undefined && serviceDomain(e.from) !== serviceDomain(e.to) && !isDomainEntry(e.to),
  },
];

export function ruleViolations(edges: readonly ImportEdge[]): string[] {
  return edges
    .filter((edge) => !isTestFile(edge.from))
    .flatMap((edge) => RULES.filter((rule) => rule.violates(edge)).map((rule) => `${rule.name}: ${edge.from} → ${edge.to}`));
}

/**
 * Authentication (identity, agent enrolment keys, device HMAC), cross-tenant reads that take the id
 * from the organisation's own rows, job tasks re-checking their payload, and operator scripts.
 */
const MAY_MINT_ORG_ID = [
  'core/database.ts',
  'services/identity',
  'services/agents/enroll.service.ts',
  'services/ingest/device-auth.service.ts',
  'db/unsafe',
  'jobs/tasks',
  'scripts',
];

/** An OrgId is minted only where membership was verified. */
export function orgIdMints(files: ReadonlyMap<string, string>): string[] {
  return [...files]
    .filter(([file, source]) => !isTestFile(file) && !under(file, ...MAY_MINT_ORG_ID) && /\bunsafeMintOrgId\s*\(/.test(source))
    .map(([file]) => file);
}
