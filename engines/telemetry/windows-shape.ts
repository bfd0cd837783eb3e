import { isObject, num, str } from './fields.ts';

type Rec = Record<string, unknown>;

export type WindowsShape = 'evtx' | 'winlogbeat' | 'flat';

/**
 * One Windows event, whatever shipper sent it: `win` is flat, every EventData/UserData field under its own name plus
 * the System fields (EventID as a number, Channel, Provider_Name, Computer, Level, Task, Keywords, EventRecordID,
 * Version, Opcode). This is what Sigma's Windows field names address (attributes.win.<Field>).
 */
export type WindowsRecord = { shape: WindowsShape; win: Rec; time: unknown; message: string | null };

// EventData keys that only Windows events carry, so a flat record with an EventID and one of them is a Windows event
const WELL_KNOWN_DATA = [
  'Image',
  'CommandLine',
  'ParentImage',
  'TargetFilename',
  'TargetObject',
  'ImageLoaded',
  'ProcessGuid',
  'TargetUserName',
  'SubjectUserName',
  'ScriptBlockText',
  'NewProcessName',
];

/** Which Windows event shape the record has, or null when it is not recognisably a Windows event. */
export function windowsShape(record: unknown): WindowsShape | null {
  if (!isObject(record)) return null;
  if (isObject(record.Event) && isObject(record.Event.System)) return 'evtx';
  if (isObject(record.winlog) && (record.winlog.event_id !== undefined || record.winlog.channel !== undefined)) return 'winlogbeat';
  if (num(record.EventID) === null) return null;
  const named = str(record.Channel) ?? str(record.Provider_Name) ?? str(record.ProviderName) ?? str(record.SourceName);
  return named !== null || WELL_KNOWN_DATA.some((key) => record[key] !== undefined) ? 'flat' : null;
}

/** An XML attribute as converters write it: `{"#attributes": {Name}}`, `{"@Name"}` or a plain key. */
function xmlAttribute(node: unknown, name: string): unknown {
  if (!isObject(node)) return undefined;
  const attributes = node['#attributes'];
  if (isObject(attributes) && attributes[name] !== undefined) return attributes[name];
  return node[`@${name}`] ?? node[name];
}

/** An element's text: the scalar itself, or `#text` of an element that also has attributes. */
function elementText(value: unknown): unknown {
  return isObject(value) && '#text' in value ? value['#text'] : value;
}

const isMarkup = (key: string) => key.startsWith('#') || key.startsWith('@') || key === 'xmlns';

/** `<Data Name="X">v</Data>` items become win.X; unnamed items (classic logs) are collected under `Data`. */
function addDataItems(win: Rec, data: unknown): void {
  const items = Array.isArray(data) ? data : [data];
  const unnamed: unknown[] = [];
  for (const item of items) {
    const name = str(xmlAttribute(item, 'Name'));
    if (name !== null && isObject(item)) win[name] = item['#text'] ?? null;
    else unnamed.push(elementText(item));
  }
  if (unnamed.length > 0) win.Data = unnamed.length === 1 ? unnamed[0] : unnamed;
}

/** EventData's fields (named keys, or a Data list) into win. */
function addEventData(win: Rec, eventData: unknown): void {
  if (!isObject(eventData)) return;
  for (const [key, value] of Object.entries(eventData)) {
    if (isMarkup(key)) continue;
    if (key === 'Data') addDataItems(win, value);
    else win[key] = elementText(value);
  }
}

/** UserData wraps its fields in one element named after the event (`LogFileCleared`…): its fields go into win. */
function addUserData(win: Rec, userData: unknown): void {
  if (!isObject(userData)) return;
  for (const [key, inner] of Object.entries(userData)) {
    if (isMarkup(key)) continue;
    if (!isObject(inner)) {
      win[key] ??= inner;
      continue;
    }
    for (const [field, value] of Object.entries(inner)) if (!isMarkup(field)) win[field] ??= elementText(value);
  }
}

/** The System fields Sigma rules name, set over the data fields (a data field cannot fake the EventID). */
function addSystem(win: Rec, system: Rec): void {
  const fields: Rec = {
    EventID: num(elementText(system.EventID)) ?? elementText(system.EventID),
    Version: system.Version,
    Level: system.Level,
    Task: system.Task,
    Opcode: system.Opcode,
    Keywords: system.Keywords,
    EventRecordID: system.EventRecordID,
    Channel: system.Channel,
    Computer: system.Computer,
    Provider_Name: xmlAttribute(system.Provider, 'Name'),
  };
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) win[key] = value;
}

function fromEvtx(record: Rec): WindowsRecord {
  const event = record.Event as Rec;
  const system = event.System as Rec;
  const win: Rec = {};
  addEventData(win, event.EventData);
  addUserData(win, event.UserData);
  addSystem(win, system);
  return { shape: 'evtx', win, time: xmlAttribute(system.TimeCreated, 'SystemTime') ?? win.UtcTime, message: null };
}

function fromWinlogbeat(record: Rec): WindowsRecord {
  const winlog = record.winlog as Rec;
  const event = isObject(record.event) ? record.event : {};
  const host = isObject(record.host) ? record.host : {};
  const win: Rec = {};
  addEventData(win, winlog.event_data);
  addUserData(win, isObject(winlog.user_data) ? { UserData: winlog.user_data } : undefined);
  addSystem(win, {
    EventID: winlog.event_id ?? event.code,
    Version: winlog.version,
    Task: winlog.task,
    Opcode: winlog.opcode,
    Keywords: winlog.keywords,
    EventRecordID: winlog.record_id,
    Channel: winlog.channel,
    Computer: winlog.computer_name ?? host.name ?? host.hostname,
    Provider: { Name: winlog.provider_name },
  });
  return { shape: 'winlogbeat', win, time: record['@timestamp'] ?? win.UtcTime, message: str(record.message) };
}

const FLAT_SYSTEM_ALIASES: Record<string, string> = { Hostname: 'Computer', ProviderName: 'Provider_Name', SourceName: 'Provider_Name' };

function fromFlat(record: Rec): WindowsRecord {
  const win: Rec = {};
  for (const [key, value] of Object.entries(record)) if (!isMarkup(key)) win[key] = value;
  for (const [alias, name] of Object.entries(FLAT_SYSTEM_ALIASES)) if (win[name] === undefined && record[alias] !== undefined) win[name] = record[alias];
  win.EventID = num(record.EventID);
  const time = record.TimeCreated ?? record.EventTime ?? record['@timestamp'] ?? record.timestamp ?? record.UtcTime;
  return { shape: 'flat', win, time, message: str(record.Message) ?? str(record.message) };
}

/** The record read into WindowsRecord, or null when windowsShape does not recognise it. */
export function readWindowsRecord(record: unknown): WindowsRecord | null {
  const shape = windowsShape(record);
  if (shape === null) return null;
  const rec = record as Rec;
  if (shape === 'evtx') return fromEvtx(rec);
  if (shape === 'winlogbeat') return fromWinlogbeat(rec);
  return fromFlat(rec);
}
