/**
 * Zeek's default TSV log format (`#separator`, `#fields`, `#types` header lines) → JSON-shaped records with the
 * same keys and value types as Zeek's JSON writer (flat dotted keys, epoch-second `ts`, arrays for set/vector),
 * plus `_path` from the `#path` header, so parseZeek can take either format.
 */

export type ZeekTsvResult = {
  path: string | null;
  records: Array<Record<string, unknown>>;
  errors: Array<{ line: number; reason: string }>;
};

type Header = { separator: string; setSeparator: string; empty: string; unset: string; fields: string[]; types: string[] };

export function parseZeekTsv(text: string): ZeekTsvResult {
  const header: Header = { separator: '\t', setSeparator: ',', empty: '(empty)', unset: '-', fields: [], types: [] };
  let path: string | null = null;
  const records: Array<Record<string, unknown>> = [];
  const errors: ZeekTsvResult['errors'] = [];
  text.split('\n').forEach((rawLine, index) => {
    const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    if (line === '') return;
    if (line.startsWith('#')) {
      path = readHeaderLine(line, header) ?? path;
      return;
    }
    if (header.fields.length === 0) {
      errors.push({ line: index + 1, reason: 'data line before #fields header' });
      return;
    }
    const values = line.split(header.separator);
    if (values.length !== header.fields.length) {
      errors.push({ line: index + 1, reason: `expected ${header.fields.length} columns, found ${values.length}` });
      return;
    }
    const record: Record<string, unknown> = path === null ? {} : { _path: path };
    header.fields.forEach((field, i) => {
      const value = convert(values[i] ?? header.unset, header.types[i] ?? 'string', header);
      if (value !== undefined) record[field] = value;
    });
    records.push(record);
  });
  return { path, records, errors };
}

/** Applies one `#...` header line; returns the log path when the line is `#path`. */
function readHeaderLine(line: string, header: Header): string | null {
  if (line.startsWith('#separator ')) {
    header.separator = unescapeHex(line.slice('#separator '.length));
    return null;
  }
  const [directive, ...rest] = line.split(header.separator);
  const value = rest.join(header.separator);
  if (directive === '#set_separator') header.setSeparator = value;
  else if (directive === '#empty_field') header.empty = value;
  else if (directive === '#unset_field') header.unset = value;
  else if (directive === '#fields') header.fields = rest;
  else if (directive === '#types') header.types = rest;
  else if (directive === '#path') return value;
  return null;
}

function convert(text: string, type: string, header: Header): unknown {
  if (text === header.unset) return undefined;
  const container = /^(?:set|vector|table)\[(.+)\]$/.exec(type);
  if (container) {
    if (text === header.empty) return [];
    return text.split(header.setSeparator).map((item) => scalar(item, container[1] ?? 'string'));
  }
  if (text === header.empty) return '';
  return scalar(text, type);
}

function scalar(text: string, type: string): unknown {
  switch (type) {
    case 'bool':
      return text === 'T' ? true : text === 'F' ? false : text;
    case 'count':
    case 'int':
    case 'port':
    case 'double':
    case 'time':
    case 'interval': {
      // keep unparseable numbers (e.g. btest's masked "XXXXXXXXXX.XXXXXX") as text so the parser can reject them
      const n = Number(text);
      return text.trim() !== '' && Number.isFinite(n) ? n : text;
    }
    default:
      return unescapeValue(text);
  }
}

function unescapeHex(text: string): string {
  return text.replace(/\\x([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}

/**
 * TSV doubles backslashes and hex-escapes separators; the JSON writer keeps non-printables as literal `\xNN`.
 * Undo the TSV-only escapes so both formats give the same string.
 */
function unescapeValue(text: string): string {
  if (!text.includes('\\')) return text;
  return text.replace(/\\(\\|x([0-9a-fA-F]{2}))/g, (whole, escaped: string, hex: string | undefined) => {
    if (escaped === '\\') return '\\';
    const code = Number.parseInt(hex ?? '', 16);
    return code >= 0x20 && code < 0x7f ? String.fromCharCode(code) : whole;
  });
}
