import { type ParsedTime, parseTime } from './time.ts';

/** The header fields of one syslog line, RFC 5424 or RFC 3164 (BSD), with or without the <PRI> prefix. */
export type SyslogLine = {
  facility: number | null;
  severity: number | null;
  time: ParsedTime | null;
  host: string | null;
  app: string | null;
  pid: string | null;
  msgId: string | null;
  structuredData: string | null;
  message: string;
};

export const FACILITIES = [
  'kern',
  'user',
  'mail',
  'daemon',
  'auth',
  'syslog',
  'lpr',
  'news',
  'uucp',
  'cron',
  'authpriv',
  'ftp',
  'ntp',
  'security',
  'console',
  'solaris-cron',
  'local0',
  'local1',
  'local2',
  'local3',
  'local4',
  'local5',
  'local6',
  'local7',
] as const;
export const SEVERITIES = ['emerg', 'alert', 'crit', 'err', 'warning', 'notice', 'info', 'debug'] as const;

const PRI = /^<(\d{1,3})>/;
const RFC5424 = /^1 (\S+) (\S+) (\S+) (\S+) (\S+) ?(.*)$/s;
const BSD_TIME = /^([A-Z][a-z]{2}) {1,2}(\d{1,2}) (\d{2}:\d{2}:\d{2}) (\S+) ?(.*)$/s;
const ISO_TIME = /^(\d{4}-\d{2}-\d{2}T\S+) (\S+) ?(.*)$/s;
const TAG = /^([^\s:[\]]{1,48})(?:\[([^\]]*)\])?: ?(.*)$/s;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export function parseSyslogLine(raw: string, receivedAt: Date): SyslogLine {
  let line = raw.replace(/[\r\n]+$/, '');
  let facility: number | null = null;
  let severity: number | null = null;
  const pri = PRI.exec(line);
  if (pri && Number(pri[1]) <= 191) {
    facility = Number(pri[1]) >> 3;
    severity = Number(pri[1]) & 7;
    line = line.slice(pri[0].length);
  }
  const empty = { facility, severity, time: null, host: null, app: null, pid: null, msgId: null, structuredData: null };

  const v5424 = RFC5424.exec(line);
  if (v5424) {
    const [, ts, host, app, pid, msgId, rest = ''] = v5424;
    const { structuredData, message } = splitStructuredData(rest);
    return {
      ...empty,
      time: ts === '-' ? null : parseTime(ts),
      host: nil(host),
      app: nil(app),
      pid: nil(pid),
      msgId: nil(msgId),
      structuredData,
      message: message.replace(/^\uFEFF/, ''),
    };
  }
  const bsd = BSD_TIME.exec(line);
  const iso = bsd ? null : ISO_TIME.exec(line);
  if (bsd || iso) {
    const time = bsd ? bsdTime(bsd[1] ?? '', bsd[2] ?? '', bsd[3] ?? '', receivedAt) : parseTime(iso?.[1]);
    const word = (bsd ? bsd[4] : iso?.[2]) ?? '';
    const rest = (bsd ? bsd[5] : iso?.[3]) ?? '';
    // local files may omit the host: "Mar  5 10:00:00 sshd[42]: …"
    if (word.endsWith(':')) return { ...empty, time, host: null, ...splitTag(`${word} ${rest}`) };
    return { ...empty, time, host: word, ...splitTag(rest) };
  }
  return { ...empty, ...splitTag(line) };
}

function nil(value: string | undefined): string | null {
  return value === undefined || value === '-' ? null : value;
}

function splitTag(rest: string): { app: string | null; pid: string | null; message: string } {
  const tag = TAG.exec(rest);
  return tag ? { app: tag[1] ?? null, pid: tag[2] ?? null, message: tag[3] ?? '' } : { app: null, pid: null, message: rest };
}

/** `-` or one or more `[id k="v" …]` elements (`]` may be escaped inside values), then the message. */
function splitStructuredData(rest: string): { structuredData: string | null; message: string } {
  if (rest.startsWith('-')) return { structuredData: null, message: rest.slice(1).replace(/^ /, '') };
  let i = 0;
  while (rest[i] === '[') {
    i++;
    while (i < rest.length && rest[i] !== ']') i += rest[i] === '\\' ? 2 : 1;
    i++;
  }
  if (i === 0) return { structuredData: null, message: rest };
  return { structuredData: rest.slice(0, i), message: rest.slice(i).replace(/^ /, '') };
}

/** BSD timestamps have no year or zone: assume UTC and the year that puts the line at or before arrival. */
function bsdTime(month: string, day: string, clock: string, receivedAt: Date): ParsedTime | null {
  const m = MONTHS.indexOf(month);
  if (m < 0) return null;
  const at = (year: number) => parseTime(`${year}-${String(m + 1).padStart(2, '0')}-${day.padStart(2, '0')}T${clock}Z`);
  const year = receivedAt.getUTCFullYear();
  const candidate = at(year);
  const oneDay = 86_400_000;
  if (candidate === null || candidate.date.getTime() > receivedAt.getTime() + oneDay) return at(year - 1);
  return candidate;
}
