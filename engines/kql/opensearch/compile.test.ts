import { describe, expect, it } from 'vitest';
import { KqlError } from '../diagnostics.ts';
import { parseKql } from '../index.ts';
import { compileKqlToOpenSearch } from './compile.ts';
import type { Dsl } from './dsl.ts';

const options = {
  orgId: '00000000-0000-4000-8000-000000000001',
  startTime: new Date('2026-12-01T00:00:00Z'),
  endTime: new Date('2026-12-02T00:00:00Z'),
  now: new Date('2026-12-02T00:00:00Z'),
  maxRows: 1000,
};

const compile = (text: string) => compileKqlToOpenSearch(parseKql(text), options);
/** The query's own filters, after the organisation and time-range filters every query carries. */
const filters = (text: string) => ((compile(text).body.query as { bool: { filter: Dsl[] } }).bool.filter as Dsl[]).slice(2);
const refusal = (text: string) => {
  try {
    compile(text);
  } catch (error) {
    if (error instanceof KqlError) return { type: error.diagnostic.type, construct: error.diagnostic.construct };
    throw error;
  }
  throw new Error('compiled');
};

describe('compileKqlToOpenSearch', () => {
  it('always filters on the organisation and the time range, sorts newest first and caps the rows', () => {
    expect(compile('Events | take 5').body).toMatchInlineSnapshot(`
      {
        "_source": {
          "includes": [
            "occurred_at",
            "received_at",
            "event_id",
            "source_kind",
            "channel",
            "kind",
            "category",
            "action",
            "outcome",
            "severity",
            "severity_name",
            "src_ip",
            "src_port",
            "dst_ip",
            "dst_port",
            "transport",
            "host_name",
            "user_name",
            "process_name",
            "process_command_line",
            "file_name",
            "file_md5",
            "file_sha256",
            "url",
            "message",
            "session_id",
            "agent_id",
            "device_id",
            "sensor_id",
            "attributes",
            "raw",
          ],
        },
        "query": {
          "bool": {
            "filter": [
              {
                "term": {
                  "org_id": "00000000-0000-4000-8000-000000000001",
                },
              },
              {
                "range": {
                  "occurred_at": {
                    "gte": "2026-12-01T00:00:00.000Z",
                    "lte": "2026-12-02T00:00:00.000Z",
                  },
                },
              },
            ],
          },
        },
        "size": 5,
        "sort": [
          {
            "occurred_at": {
              "missing": "_last",
              "order": "desc",
            },
          },
          {
            "event_id": {
              "missing": "_last",
              "order": "desc",
            },
          },
        ],
        "track_total_hits": true,
      }
    `);
  });

  it('compiles comparisons on typed fields', () => {
    expect(filters('Events | where SrcIp == "203.0.113.7" and DstPort >= 1024 and TimeGenerated > ago(1h) and Severity != 0')).toMatchInlineSnapshot(`
      [
        {
          "bool": {
            "filter": [
              {
                "term": {
                  "src_ip": {
                    "value": "203.0.113.7",
                  },
                },
              },
              {
                "range": {
                  "dst_port": {
                    "gte": 1024,
                  },
                },
              },
              {
                "range": {
                  "occurred_at": {
                    "gt": "2026-12-01T23:00:00.000Z",
                  },
                },
              },
              {
                "exists": {
                  "field": "severity",
                },
              },
              {
                "bool": {
                  "must_not": [
                    {
                      "term": {
                        "severity": {
                          "value": 0,
                        },
                      },
                    },
                  ],
                },
              },
            ],
          },
        },
      ]
    `);
  });

  it('compiles KQL string operators with their case rules', () => {
    expect(
      filters(
        'Events | where HostName =~ "DC01" and UserName contains "adm" and ProcessName startswith_cs "power" and Url endswith ".php" and Action !in ("a", "b")',
      ),
    ).toMatchInlineSnapshot(`
      [
        {
          "bool": {
            "filter": [
              {
                "term": {
                  "host_name": {
                    "case_insensitive": true,
                    "value": "DC01",
                  },
                },
              },
              {
                "wildcard": {
                  "user_name": {
                    "case_insensitive": true,
                    "value": "*adm*",
                  },
                },
              },
              {
                "prefix": {
                  "process_name": {
                    "value": "power",
                  },
                },
              },
              {
                "wildcard": {
                  "url": {
                    "case_insensitive": true,
                    "value": "*.php",
                  },
                },
              },
              {
                "bool": {
                  "must_not": [
                    {
                      "terms": {
                        "action": [
                          "a",
                          "b",
                        ],
                      },
                    },
                  ],
                },
              },
            ],
          },
        },
      ]
    `);
  });

  it('answers has from the term subfield when there is one, and with a term-bounded regexp otherwise', () => {
    expect(
      filters('Events | where Message has "Root" and ProcessCommandLine has "evil.example" and HostName has "web" and Message has_cs "Root"'),
    ).toMatchInlineSnapshot(`
      [
        {
          "bool": {
            "filter": [
              {
                "term": {
                  "message.terms": {
                    "value": "root",
                  },
                },
              },
              {
                "match_phrase": {
                  "process_command_line.terms": {
                    "query": "evil.example",
                  },
                },
              },
              {
                "regexp": {
                  "host_name": {
                    "case_insensitive": true,
                    "flags": "NONE",
                    "value": "(.*[^A-Za-z0-9])?web([^A-Za-z0-9].*)?",
                  },
                },
              },
              {
                "regexp": {
                  "message": {
                    "flags": "NONE",
                    "value": "(.*[^A-Za-z0-9])?Root([^A-Za-z0-9].*)?",
                  },
                },
              },
            ],
          },
        },
      ]
    `);
  });

  it('compiles sets, ranges, emptiness and IP functions', () => {
    expect(
      filters(
        'Events | where SrcPort in (22, 2222) and Severity between (2 .. 4) and isnotempty(UserName) and ipv4_is_private(SrcIp) and not(ipv4_is_in_range(DstIp, "10.0.0.0/8")) and Message has_any ("a", "b")',
      ),
    ).toMatchInlineSnapshot(`
      [
        {
          "bool": {
            "filter": [
              {
                "terms": {
                  "src_port": [
                    22,
                    2222,
                  ],
                },
              },
              {
                "range": {
                  "severity": {
                    "gte": 2,
                    "lte": 4,
                  },
                },
              },
              {
                "exists": {
                  "field": "user_name",
                },
              },
              {
                "bool": {
                  "must_not": [
                    {
                      "term": {
                        "user_name": {
                          "value": "",
                        },
                      },
                    },
                  ],
                },
              },
              {
                "terms": {
                  "src_ip": [
                    "10.0.0.0/8",
                    "172.16.0.0/12",
                    "192.168.0.0/16",
                  ],
                },
              },
              {
                "bool": {
                  "must_not": [
                    {
                      "term": {
                        "dst_ip": "10.0.0.0/8",
                      },
                    },
                  ],
                },
              },
              {
                "bool": {
                  "minimum_should_match": 1,
                  "should": [
                    {
                      "term": {
                        "message.terms": {
                          "value": "a",
                        },
                      },
                    },
                    {
                      "term": {
                        "message.terms": {
                          "value": "b",
                        },
                      },
                    },
                  ],
                },
              },
            ],
          },
        },
      ]
    `);
  });

  it('translates RE2 patterns into anchored Lucene regexps', () => {
    expect(JSON.stringify(filters('Events | where ProcessCommandLine matches regex @"(?i)-enc(odedcommand)?\\s+[A-Za-z0-9+/=]{20,}"'))).toMatchInlineSnapshot(
      `"[{"regexp":{"process_command_line":{"value":".*(-enc(odedcommand)?[ \\t\\n\\r\\f]+[A-Za-z0-9+/=]{20,}).*","flags":"NONE","case_insensitive":true}}}]"`,
    );
  });

  it('filters on Attributes paths as exact keywords', () => {
    expect(filters('Events | where Attributes.http.method == "POST" and tostring(Attributes["sni"]) startswith "updates."')).toMatchInlineSnapshot(`
      [
        {
          "bool": {
            "filter": [
              {
                "term": {
                  "attributes.http.method": {
                    "value": "POST",
                  },
                },
              },
              {
                "prefix": {
                  "attributes.sni": {
                    "case_insensitive": true,
                    "value": "updates.",
                  },
                },
              },
            ],
          },
        },
      ]
    `);
  });

  it('inlines scalar lets and searches every string column', () => {
    expect(filters('let ip = "198.51.100.4"; Events | where SrcIp == ip')).toMatchInlineSnapshot(`
      [
        {
          "term": {
            "src_ip": {
              "value": "198.51.100.4",
            },
          },
        },
      ]
    `);
    expect(filters('search "mimikatz"').length).toBe(1);
  });

  it('projects, renames and sorts', () => {
    const { body, plan } = compile('Events | where Kind == "auth" | project TimeGenerated, Ip = SrcIp, UserName | sort by Ip asc | take 20');
    expect({ source: body._source, sort: body.sort, size: body.size, plan }).toMatchInlineSnapshot(`
      {
        "plan": {
          "columns": [
            {
              "field": "occurred_at",
              "name": "TimeGenerated",
              "type": "datetime",
            },
            {
              "field": "src_ip",
              "name": "Ip",
              "type": "string",
            },
            {
              "field": "user_name",
              "name": "UserName",
              "type": "string",
            },
          ],
          "kind": "hits",
          "take": 20,
        },
        "size": 20,
        "sort": [
          {
            "src_ip": {
              "missing": "_first",
              "order": "asc",
            },
          },
        ],
        "source": {
          "includes": [
            "occurred_at",
            "src_ip",
            "user_name",
          ],
        },
      }
    `);
  });

  it('compiles count to a total', () => {
    expect(compile('Events | where Outcome == "failure" | count').body).toMatchInlineSnapshot(`
      {
        "query": {
          "bool": {
            "filter": [
              {
                "term": {
                  "org_id": "00000000-0000-4000-8000-000000000001",
                },
              },
              {
                "range": {
                  "occurred_at": {
                    "gte": "2026-12-01T00:00:00.000Z",
                    "lte": "2026-12-02T00:00:00.000Z",
                  },
                },
              },
              {
                "term": {
                  "outcome": {
                    "value": "failure",
                  },
                },
              },
            ],
          },
        },
        "size": 0,
        "track_total_hits": true,
      }
    `);
  });

  it('compiles summarize by bin() and columns to a composite aggregation', () => {
    const { body, plan } = compile('Events | summarize Events = count(), Ips = dcount(SrcIp), p95 = percentile(DstPort, 95) by bin(TimeGenerated, 1h), Kind');
    expect({ aggs: body.aggs, plan }).toMatchInlineSnapshot(`
      {
        "aggs": {
          "groups": {
            "aggs": {
              "m1": {
                "cardinality": {
                  "field": "src_ip",
                },
              },
              "m2": {
                "percentiles": {
                  "field": "dst_port",
                  "percents": [
                    95,
                  ],
                },
              },
            },
            "composite": {
              "size": 1001,
              "sources": [
                {
                  "k0": {
                    "date_histogram": {
                      "field": "occurred_at",
                      "fixed_interval": "3600000ms",
                    },
                  },
                },
                {
                  "k1": {
                    "terms": {
                      "field": "kind",
                      "missing_bucket": true,
                    },
                  },
                },
              ],
            },
          },
        },
        "plan": {
          "agg": "composite",
          "columns": [
            {
              "name": "TimeGenerated",
              "type": "datetime",
            },
            {
              "name": "Kind",
              "type": "string",
            },
            {
              "name": "Events",
              "type": "long",
            },
            {
              "name": "Ips",
              "type": "long",
            },
            {
              "name": "p95",
              "type": "real",
            },
          ],
          "keys": [
            {
              "name": "TimeGenerated",
              "source": "k0",
              "type": "datetime",
            },
            {
              "name": "Kind",
              "source": "k1",
              "type": "string",
            },
          ],
          "kind": "buckets",
          "metrics": [
            {
              "name": "Events",
              "read": {
                "kind": "doc_count",
              },
              "type": "long",
            },
            {
              "name": "Ips",
              "read": {
                "agg": "m1",
                "kind": "value",
                "path": [
                  "value",
                ],
              },
              "type": "long",
            },
            {
              "name": "p95",
              "read": {
                "agg": "m2",
                "kind": "value",
                "path": [
                  "values",
                  "95.0",
                ],
              },
              "type": "real",
            },
          ],
          "take": null,
        },
      }
    `);
  });

  it('compiles "top attacking IPs" to a terms aggregation ordered by the count', () => {
    expect(compile('Events | where Outcome == "failure" | summarize Attempts = count() by SrcIp | top 10 by Attempts').body.aggs).toMatchInlineSnapshot(`
      {
        "groups": {
          "aggs": {},
          "terms": {
            "field": "src_ip",
            "order": {
              "_count": "desc",
            },
            "shard_size": 100,
            "size": 10,
          },
        },
      }
    `);
  });

  it('compiles summarize without keys to metrics, and distinct to a composite', () => {
    expect(compile('Events | summarize count(), max(Severity), countif(Outcome == "failure")').body.aggs).toMatchInlineSnapshot(`
      {
        "m1": {
          "max": {
            "field": "severity",
          },
        },
        "m2": {
          "filter": {
            "term": {
              "outcome": {
                "value": "failure",
              },
            },
          },
        },
      }
    `);
    expect(compile('Events | distinct UserName, HostName | sort by UserName desc').body.aggs).toMatchInlineSnapshot(`
      {
        "groups": {
          "composite": {
            "size": 1001,
            "sources": [
              {
                "k0": {
                  "terms": {
                    "field": "user_name",
                    "missing_bucket": true,
                    "order": "desc",
                  },
                },
              },
              {
                "k1": {
                  "terms": {
                    "field": "host_name",
                    "missing_bucket": true,
                  },
                },
              },
            ],
          },
        },
      }
    `);
  });

  it('refuses what one search cannot express, naming it', () => {
    expect(refusal('Events | extend x = strlen(Message)')).toEqual({ type: 'UNSUPPORTED_OPERATOR', construct: 'extend' });
    expect(refusal('Events | join kind=inner (Alerts) on SrcIp')).toEqual({ type: 'UNSUPPORTED_OPERATOR', construct: 'join' });
    expect(refusal('Events | summarize c = count() by SrcIp | where c > 10')).toEqual({ type: 'UNSUPPORTED_OPERATOR', construct: 'where after summarize' });
    expect(refusal('Alerts | take 1')).toEqual({ type: 'UNSUPPORTED_OPERATOR', construct: 'table Alerts' });
    expect(refusal('Events | where Message matches regex @"\\bfoo\\b"')).toEqual({ type: 'UNSUPPORTED_OPERATOR', construct: 'regex escape \\b' });
    expect(refusal('Events | where Message matches regex "(a"')).toEqual({ type: 'TYPE_ERROR', construct: undefined });
    expect(refusal('Events | where Mesage has "x"')).toEqual({ type: 'FIELD_NOT_FOUND', construct: undefined });
    expect(refusal('Evnts | take 1')).toEqual({ type: 'TABLE_NOT_FOUND', construct: undefined });
    expect(refusal('Events | summarize make_set(UserName)')).toEqual({ type: 'UNSUPPORTED_OPERATOR', construct: 'make_set()' });
  });
});

describe('compileKqlToOpenSearch ordering by a percentile', () => {
  it('uses the bucket path syntax of multi-value metrics', () => {
    const aggs = compile('Events | summarize p = percentile(DstPort, 95) by SrcIp | top 5 by p').body.aggs as Dsl;
    expect(((aggs.groups as Dsl).terms as Dsl).order).toEqual({ 'm0[95.0]': 'desc' });
  });
});
