import type { Span } from '../ast.ts';
import { KqlError } from '../diagnostics.ts';

// Kusto's format_datetime specifiers and their to_char equivalents, longest first
const SPECIFIERS: readonly [string, string][] = [
  ['yyyy', 'YYYY'],
  ['fffffff', 'US0'],
  ['ffffff', 'US'],
  ['fffff', 'FF5'],
  ['ffff', 'FF4'],
  ['fff', 'MS'],
  ['ff', 'FF2'],
  ['f', 'FF1'],
  ['MM', 'MM'],
  ['dd', 'DD'],
  ['HH', 'HH24'],
  ['hh', 'HH12'],
  ['mm', 'MI'],
  ['ss', 'SS'],
  ['tt', 'AM'],
  ['yy', 'YY'],
  ['M', 'FMMM'],
  ['d', 'FMDD'],
  ['H', 'FMHH24'],
  ['h', 'FMHH12'],
  ['m', 'FMMI'],
  ['s', 'FMSS'],
];

/** A Kusto datetime format (`yyyy-MM-dd HH:mm`) as a PostgreSQL to_char template; other text is quoted. */
export function datetimeFormat(format: string, span: Span): string {
  let out = '';
  let literal = '';
  const flush = () => {
    if (literal !== '') out += `"${literal.replace(/"/g, '\\"')}"`;
    literal = '';
  };
  for (let i = 0; i < format.length; ) {
    const found = SPECIFIERS.find(([kusto]) => format.startsWith(kusto, i));
    if (found) {
      flush();
      out += found[1];
      i += found[0].length;
      continue;
    }
    const char = format[i] as string;
    if (/[a-zA-Z]/.test(char))
      throw new KqlError({
        type: 'UNSUPPORTED_OPERATOR',
        message: `format_datetime: the specifier '${char}' is not supported`,
        span,
        construct: 'format_datetime',
      });
    literal += char;
    i += 1;
  }
  flush();
  return out;
}
