import { Buffer } from 'node:buffer';
/** One Linux audit record (`type=EXECVE msg=audit(1700000000.123:42): argc=2 a0="ls" …`), its fields by name. */
export type AuditRecord = { type: string; time: Date | null; serial: string; fields: Record<string, string> };

const HEADER = /^\s*(?:node=\S+\s+)?type=([A-Z0-9_]+)\s+msg=audit\((\d+(?:\.\d+)?):(\d+)\):\s?/;
// key=value, the value quoted ("…" or '…') or bare; the enriched format separates its part with \x1d
// biome-ignore lint/suspicious/noControlCharactersInRegex: \x1d is auditd's own separator
const PAIR = /([A-Za-z0-9_-]+)=("[^"]*"|'[^']*'|[^\s\x1d]*)/g;
// fields auditd writes hex-encoded when the value holds a space, a quote or a control character
const HEX_ENCODED = /^(a\d+|proctitle|cmd|data|exe|comm|name|cwd|path)$/;
const HEX = /^(?:[0-9A-F]{2})+$/;
const MAX_FIELDS = 512;

function decodeHex(value: string): string {
  const bytes = Buffer.from(value, 'hex');
  // proctitle separates argv with NULs: as a command line they are spaces
  return bytes.toString('utf8').replaceAll('\u0000', ' ').trim();
}

/** The record in a syslog message, or null when the message is not an audit record. Values are unquoted and decoded. */
export function parseAuditRecord(message: string): AuditRecord | null {
  const header = HEADER.exec(message);
  if (!header) return null;
  const fields: Record<string, string> = { type: header[1] as string };
  let count = 0;
  for (const [, key, raw] of message.slice(header[0].length).matchAll(PAIR)) {
    if (++count > MAX_FIELDS) break;
    const value = raw as string;
    const quoted = value.length >= 2 && (value[0] === '"' || value[0] === "'") && value.at(-1) === value[0];
    const text = quoted ? value.slice(1, -1) : value;
    fields[key as string] = !quoted && HEX_ENCODED.test(key as string) && HEX.test(text) ? decodeHex(text) : text;
  }
  const seconds = Number(header[2]);
  return { type: header[1] as string, time: Number.isFinite(seconds) ? new Date(seconds * 1000) : null, serial: header[3] as string, fields };
}
