import { getPath, isObject, pickStr, str } from './fields.ts';

/**
 * Suricata EVE `dns` objects in all three logging versions:
 * v1: one event per query or per answer record ({type: "query"|"answer", rrname, rrtype, rdata}).
 * v2: {type: "answer", rrname, rrtype, rcode, answers: [{rrname, rrtype, rdata}], grouped: {A: [..]}};
 *     alerts carry {query: [{rrname, rrtype}], answer: {...}}.
 * v3 (Suricata 8): {version: 3, type: "request"|"response", queries: [{rrname, rrtype}], answers, grouped}.
 */
export type DnsSummary = {
  query: string | null;
  queryType: string | null;
  rcode: string | null;
  answers: string[];
  messageType: string | null;
};

export function summariseSuricataDns(dns: unknown): DnsSummary | null {
  if (!isObject(dns)) return null;
  const queries = listOf(dns.queries).concat(listOf(dns.query));
  const firstQuery = queries.find((q) => str(q.rrname) !== null);
  const answerObject = isObject(dns.answer) ? dns.answer : null;
  const messageType = str(dns.type);
  const isV1Answer = messageType === 'answer' && dns.rdata !== undefined;
  return {
    query: str(firstQuery?.rrname) ?? str(dns.rrname) ?? str(answerObject?.rrname),
    queryType: str(firstQuery?.rrtype) ?? (isV1Answer ? null : str(dns.rrtype)),
    rcode: pickStr(dns, 'rcode') ?? str(answerObject?.rcode),
    answers: answersOf(dns, isV1Answer),
    messageType,
  };
}

function answersOf(dns: Record<string, unknown>, isV1Answer: boolean): string[] {
  const found: string[] = [];
  if (isV1Answer) pushData(found, dns.rdata);
  for (const answer of listOf(dns.answers)) pushData(found, answer.rdata);
  const grouped = getPath(dns, 'grouped');
  if (isObject(grouped)) {
    for (const values of Object.values(grouped)) {
      if (Array.isArray(values)) for (const value of values) pushData(found, value);
    }
  }
  return [...new Set(found)];
}

// SOA/SRV/SSHFP answers are objects; keep their main name so they stay searchable
function pushData(into: string[], value: unknown): void {
  const text = str(value);
  if (text !== null) into.push(text);
  else if (isObject(value)) {
    const name = str(value.mname) ?? str(value.target) ?? str(value.name) ?? str(value.fingerprint);
    if (name !== null) into.push(name);
  }
}

function listOf(value: unknown): Array<Record<string, unknown>> {
  return Array.isArray(value) ? value.filter(isObject) : [];
}
