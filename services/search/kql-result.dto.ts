import { z } from 'zod';

export const ZKqlColumn = z.object({
  name: z.string(),
  type: z.string().describe('KQL type: string, long, int, real, decimal, bool, datetime, timespan, dynamic, guid'),
});

export const ZKqlRunResult = z.object({
  query: z.string(),
  index: z.string().describe('What answered: postgres:<tables> or opensearch:<index pattern>'),
  took_ms: z.number().describe('Time spent running the query, in milliseconds'),
  compile_ms: z.number().optional().describe('Time spent parsing, checking and compiling it, in milliseconds'),
  total: z.number().int().describe('Rows returned (more exist when truncated is true)'),
  hits: z.array(z.record(z.string(), z.unknown())).describe('Result rows: datetimes ISO 8601, timespans [d.]hh:mm:ss[.fffffff], dynamic as JSON'),
  fields: z.array(z.string()),
  columns: z.array(ZKqlColumn),
  start_time: z.string(),
  end_time: z.string(),
  truncated: z.boolean().describe('True when the query had more rows than the limit'),
});
export type KqlRunResult = z.infer<typeof ZKqlRunResult>;

export const ZKqlDiagnostic = z.object({
  error_type: z.enum(['SYNTAX_ERROR', 'UNSUPPORTED_OPERATOR', 'TABLE_NOT_FOUND', 'FIELD_NOT_FOUND', 'TYPE_ERROR', 'QUERY_TIMEOUT', 'RESULT_TOO_LARGE']),
  message: z.string(),
  line: z.number().int().nullable(),
  column: z.number().int().nullable(),
  expected: z.array(z.string()),
  suggestions: z.array(z.string()),
});

export const ZKqlValidation = z.object({
  valid: z.boolean(),
  diagnostics: z.array(ZKqlDiagnostic),
  columns: z.array(ZKqlColumn).optional().describe('The result columns, when the query is valid'),
});
