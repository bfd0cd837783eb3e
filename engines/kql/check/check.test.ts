import { describe, expect, it } from 'vitest';
import type { KqlError } from '../diagnostics.ts';
import { parseKql } from '../index.ts';
import { checkQuery } from './index.ts';
import { editDistance, nearestNames } from './nearest.ts';

const columnsOf = (text: string) => checkQuery(parseKql(text)).columns.map((c) => `${c.name}:${c.type}`);

function failure(text: string): KqlError['diagnostic'] {
  try {
    checkQuery(parseKql(text));
  } catch (error) {
    return (error as KqlError).diagnostic;
  }
  throw new Error(`${text} was accepted`);
}

describe('checkQuery: schemas through the pipeline', () => {
  it('project, extend, rename, away, reorder', () => {
    expect(columnsOf('Events | project SrcIp, n = Severity + 1, Attributes.win.Image')).toEqual(['SrcIp:string', 'n:long', 'Attributes_win_Image:dynamic']);
    expect(columnsOf('Alerts | project Title, Severity | extend Severity = strlen(Severity), x = 1.5')).toEqual(['Title:string', 'Severity:long', 'x:real']);
    expect(columnsOf('Alerts | project Title, Status | project-rename Name = Title')).toEqual(['Name:string', 'Status:string']);
    expect(columnsOf('Incidents | project-away *Count, Tags, Mitre, *Seen, *At, Origin, Reason, Esc*, Threat*, Description, RiskScore')).toEqual([
      'TimeGenerated:datetime',
      'IncidentId:long',
      'Title:string',
      'Severity:string',
      'Status:string',
      'SrcIp:string',
    ]);
    expect(columnsOf('Alerts | project Title, Status, Url | project-reorder Url')).toEqual(['Url:string', 'Title:string', 'Status:string']);
  });

  it('summarize: by columns first, Kusto names for aggregates, arg_max columns', () => {
    expect(columnsOf('Events | summarize count(), dcount(UserName), avg(Severity), percentile(Severity, 95) by bin(TimeGenerated, 1h), HostName')).toEqual([
      'TimeGenerated:datetime',
      'HostName:string',
      'count_:long',
      'dcount_UserName:long',
      'avg_Severity:real',
      'percentile_Severity_95:long',
    ]);
    expect(columnsOf('Events | summarize arg_max(TimeGenerated, SrcIp, UserName) by HostName')).toEqual([
      'HostName:string',
      'TimeGenerated:datetime',
      'SrcIp:string',
      'UserName:string',
    ]);
  });

  it('join renames the right side’s duplicates; union splits a name with two types', () => {
    expect(columnsOf('Alerts | project AlertId, SrcIp | join kind=inner (Events | project SrcIp, UserName) on SrcIp')).toEqual([
      'AlertId:long',
      'SrcIp:string',
      'SrcIp1:string',
      'UserName:string',
    ]);
    expect(columnsOf('Alerts | project SrcIp | join kind=leftanti (Events) on SrcIp')).toEqual(['SrcIp:string']);
    expect(columnsOf('union withsource=T (Alerts | project Severity), (Events | project Severity)')).toEqual([
      'T:string',
      'Severity_string:string',
      'Severity_long:long',
    ]);
  });

  it('lets, datatable, mv-expand, parse, count, print', () => {
    expect(columnsOf('let n = 5; let T = datatable(a:long, b:string)[1, "x"]; T | extend c = a + n | count')).toEqual(['Count:long']);
    expect(columnsOf('datatable(d:dynamic)[dynamic([1])] | mv-expand v = d to typeof(long)')).toEqual(['d:dynamic', 'v:long']);
    expect(columnsOf('Events | parse Message with "user " user:string " from " ip | project user, ip')).toEqual(['user:string', 'ip:string']);
    expect(columnsOf('print 1, x = "a"')).toEqual(['print_0:long', 'x:string']);
  });
});

describe('checkQuery: errors', () => {
  it('TABLE_NOT_FOUND with the nearest table names', () => {
    expect(failure('SecurityEvents | take 1')).toMatchObject({ type: 'TABLE_NOT_FOUND', suggestions: expect.arrayContaining(['SecurityEvent']) });
    expect(failure('Alert | take 1')).toMatchObject({ type: 'TABLE_NOT_FOUND', suggestions: expect.arrayContaining(['Alerts', 'alert']) });
  });

  it('FIELD_NOT_FOUND with the nearest column names, after the operators that changed the schema', () => {
    expect(failure('Events | where srcip == "x"')).toMatchObject({ type: 'FIELD_NOT_FOUND', suggestions: ['SrcIp'], span: { line: 1, column: 16 } });
    expect(failure('Events | project SrcIp | where HostName == "x"')).toMatchObject({ type: 'FIELD_NOT_FOUND' });
    expect(failure('Events | summarize c = count() by HostName | where UserName == "x"')).toMatchObject({ type: 'FIELD_NOT_FOUND' });
    expect(failure('Events | project-rename Host = HostNam')).toMatchObject({ type: 'FIELD_NOT_FOUND', suggestions: ['HostName'] });
  });

  it('TYPE_ERROR for wrong argument types and arity, and for mixed comparisons', () => {
    expect(failure("print ago('x')")).toMatchObject({ type: 'TYPE_ERROR', message: expect.stringContaining('ago()') });
    expect(failure('Alerts | summarize sum(Title)')).toMatchObject({ type: 'TYPE_ERROR' });
    expect(failure('print strlen("a", "b")')).toMatchObject({ type: 'TYPE_ERROR', message: expect.stringContaining('takes 1 argument') });
    expect(failure('Events | where DstPort == "443"')).toMatchObject({ type: 'TYPE_ERROR' });
    expect(failure('Events | where count() > 1')).toMatchObject({ type: 'TYPE_ERROR', message: expect.stringContaining('aggregation') });
    expect(failure('Events | where Severity')).toMatchObject({ type: 'TYPE_ERROR' });
    expect(failure('datatable(a:long)["x"]')).toMatchObject({ type: 'TYPE_ERROR' });
  });

  it('UNSUPPORTED_OPERATOR names the function or join kind', () => {
    expect(failure('Events | extend h = hash_sha256(Message)')).toMatchObject({ type: 'UNSUPPORTED_OPERATOR', construct: 'function hash_sha256()' });
    expect(failure('Events | join kind=fullouter (Alerts) on SrcIp')).toMatchObject({ type: 'UNSUPPORTED_OPERATOR', construct: 'join kind=fullouter' });
    expect(failure('Events | parse kind=regex Message with "a" x')).toMatchObject({ type: 'UNSUPPORTED_OPERATOR' });
  });
});

describe('nearestNames', () => {
  it('ranks by case-insensitive edit distance and leaves out names too far away', () => {
    expect(editDistance('srcip', 'SrcIp')).toBe(0);
    expect(nearestNames('HostNam', ['HostName', 'UserName', 'Message'])).toEqual(['HostName']);
    expect(nearestNames('zzz', ['HostName'])).toEqual([]);
  });
});
