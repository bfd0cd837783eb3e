import { createRng, type Rng } from '../../engines/synthetic/index.ts';

/**
 * Ordinary Windows activity in the shape SigmaHQ's regression events have (evtx exported to JSON): what a SOC mostly
 * sees from its Windows hosts. Sysmon process creations, image loads, network connections, file creations, registry
 * writes and process ends, and Security logons, logoffs and process creations, from everyday programs; deterministic.
 */
const HOSTS = ['WS-0142', 'WS-0217', 'WS-0388', 'LAPTOP-7Q2', 'SRV-FILE01'];
const USERS = ['alice', 'bob', 'carol', 'dave', 'erin'];
const SYSMON = { channel: 'Microsoft-Windows-Sysmon/Operational', provider: 'Microsoft-Windows-Sysmon' };
const SECURITY = { channel: 'Security', provider: 'Microsoft-Windows-Security-Auditing' };

const EXPLORER = 'C:\\Windows\\explorer.exe';
const SERVICES = 'C:\\Windows\\System32\\services.exe';
const SVCHOST = 'C:\\Windows\\System32\\svchost.exe';

/** A program, the parent that starts it on an ordinary host, and whether it talks to the network. */
type Program = { image: string; original: string; description: string; args: readonly string[]; parent: string; online: boolean };
const PROGRAMS: readonly Program[] = [
  {
    image: 'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
    original: 'chrome.exe',
    description: 'Google Chrome',
    args: [' --no-startup-window', ' --type=renderer --lang=en-US', ' --type=gpu-process', ' https://intranet.example.com/'],
    parent: EXPLORER,
    online: true,
  },
  {
    image: 'C:\\Program Files\\Microsoft Office\\root\\Office16\\OUTLOOK.EXE',
    original: 'Outlook.exe',
    description: 'Microsoft Outlook',
    args: [' /recycle', ' /select outlook:inbox'],
    parent: EXPLORER,
    online: true,
  },
  {
    image: 'C:\\Program Files\\Microsoft Office\\root\\Office16\\EXCEL.EXE',
    original: 'Excel.exe',
    description: 'Microsoft Excel',
    args: [' "C:\\Users\\{user}\\Documents\\budget-2026.xlsx"', ' /dde'],
    parent: EXPLORER,
    online: false,
  },
  {
    image: 'C:\\Windows\\System32\\notepad.exe',
    original: 'NOTEPAD.EXE',
    description: 'Notepad',
    args: [' C:\\Users\\{user}\\Desktop\\todo.txt', ' C:\\Users\\{user}\\Documents\\meeting.txt'],
    parent: EXPLORER,
    online: false,
  },
  {
    image: 'C:\\Windows\\System32\\svchost.exe',
    original: 'svchost.exe',
    description: 'Host Process for Windows Services',
    args: [' -k netsvcs -p -s Schedule', ' -k LocalService -p -s EventSystem', ' -k NetworkService -p'],
    parent: SERVICES,
    online: true,
  },
  {
    image: 'C:\\Windows\\System32\\RuntimeBroker.exe',
    original: 'RuntimeBroker.exe',
    description: 'Runtime Broker',
    args: [' -Embedding'],
    parent: SVCHOST,
    online: false,
  },
  {
    image: 'C:\\Program Files\\Microsoft VS Code\\Code.exe',
    original: 'electron.exe',
    description: 'Visual Studio Code',
    args: [' --unity-launch', ' --type=utility --utility-sub-type=node.mojom.NodeService'],
    parent: EXPLORER,
    online: true,
  },
  {
    image: 'C:\\Windows\\System32\\SearchProtocolHost.exe',
    original: 'SearchProtocolHost.exe',
    description: 'Microsoft Windows Search Protocol Host',
    args: [' Global\\UsGthrFltPipeMssGthrPipe1_ Global\\UsGthrCtrlFltPipeMssGthrPipe1'],
    parent: SVCHOST,
    online: false,
  },
  {
    image: 'C:\\Program Files\\Microsoft OneDrive\\OneDrive.exe',
    original: 'OneDrive.exe',
    description: 'Microsoft OneDrive',
    args: [' /background'],
    parent: EXPLORER,
    online: true,
  },
  {
    image: 'C:\\Windows\\System32\\taskhostw.exe',
    original: 'taskhostw.exe',
    description: 'Host Process for Windows Tasks',
    args: [' Install $(Arg0)', ' /NoDaemon'],
    parent: SVCHOST,
    online: false,
  },
];
const DLLS = [
  'C:\\Windows\\System32\\kernel32.dll',
  'C:\\Windows\\System32\\user32.dll',
  'C:\\Windows\\System32\\combase.dll',
  'C:\\Windows\\System32\\ws2_32.dll',
];
const FILES = [
  'Documents\\report-q4.docx',
  'Downloads\\invoice-2231.pdf',
  'AppData\\Local\\Google\\Chrome\\User Data\\Default\\Cache\\f_00a1b2',
  'Desktop\\notes.txt',
];
const REGISTRY = [
  'HKU\\S-1-5-21-1004336348-1177238915-682003330-1001\\Software\\Microsoft\\Office\\16.0\\Excel\\Recent Files\\File1',
  'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\WindowsUpdate\\Auto Update\\LastOnlineScanTimeForAppCategory',
  'HKU\\S-1-5-21-1004336348-1177238915-682003330-1001\\Software\\Microsoft\\Windows\\CurrentVersion\\Explorer\\RecentDocs\\MRUListEx',
];

const guid = (rng: Rng) => `{${rng.hex(8)}-${rng.hex(4)}-6934-${rng.hex(4)}-${rng.hex(12)}}`.toUpperCase();

function record(source: typeof SYSMON, eventId: number, host: string, at: Date, eventData: Record<string, unknown>, recordId: number): unknown {
  return {
    Event: {
      System: {
        Provider: { '#attributes': { Name: source.provider } },
        EventID: eventId,
        TimeCreated: { '#attributes': { SystemTime: at.toISOString() } },
        EventRecordID: recordId,
        Channel: source.channel,
        Computer: host,
      },
      EventData: eventData,
    },
  };
}

function processFields(rng: Rng, program: Program, user: string, host: string, at: Date): Record<string, unknown> {
  const { parent } = program;
  return {
    UtcTime: at.toISOString().replace('T', ' ').slice(0, 23),
    ProcessGuid: guid(rng),
    ProcessId: rng.int(1000, 20000),
    Image: program.image,
    Description: program.description,
    Company: 'Microsoft Corporation',
    OriginalFileName: program.original,
    CommandLine: `"${program.image}"${rng.pick(program.args).replace('{user}', user)}`,
    CurrentDirectory: `C:\\Users\\${user}\\`,
    User: `${host}\\${user}`,
    IntegrityLevel: rng.pick(['Medium', 'Medium', 'High']),
    ParentProcessGuid: guid(rng),
    ParentImage: parent,
    ParentCommandLine: parent,
  };
}

/** One benign record of a kind picked by weight (process creations and image loads dominate, as on real hosts). */
function benignRecord(rng: Rng, at: Date, recordId: number): unknown {
  const user = rng.pick(USERS);
  const host = rng.pick(HOSTS);
  const roll = rng.next();
  const program = rng.pick(roll >= 0.4 && roll < 0.5 ? PROGRAMS.filter((candidate) => candidate.online) : PROGRAMS);
  const process = processFields(rng, program, user, host, at);
  const base = { UtcTime: process.UtcTime, ProcessGuid: process.ProcessGuid, ProcessId: process.ProcessId, Image: process.Image, User: process.User };
  if (roll < 0.25) return record(SYSMON, 1, host, at, process, recordId);
  if (roll < 0.4) return record(SYSMON, 7, host, at, { ...base, ImageLoaded: rng.pick(DLLS), Signed: 'true', Signature: 'Microsoft Windows' }, recordId);
  if (roll < 0.5)
    return record(
      SYSMON,
      3,
      host,
      at,
      {
        ...base,
        Protocol: 'tcp',
        Initiated: 'true',
        SourceIp: `10.20.${rng.int(0, 9)}.${rng.int(2, 250)}`,
        SourcePort: rng.int(49152, 65535),
        DestinationIp: `172.217.${rng.int(0, 255)}.${rng.int(1, 254)}`,
        DestinationPort: 443,
        DestinationHostname: 'www.example.com',
      },
      recordId,
    );
  if (roll < 0.6)
    return record(SYSMON, 11, host, at, { ...base, TargetFilename: `C:\\Users\\${user}\\${rng.pick(FILES)}`, CreationUtcTime: process.UtcTime }, recordId);
  if (roll < 0.7)
    return record(
      SYSMON,
      13,
      host,
      at,
      { ...base, EventType: 'SetValue', TargetObject: rng.pick(REGISTRY), Details: `DWORD (0x0000000${rng.int(0, 9)})` },
      recordId,
    );
  if (roll < 0.75) return record(SYSMON, 5, host, at, base, recordId);
  if (roll < 0.85)
    return record(
      SECURITY,
      4624,
      host,
      at,
      {
        TargetUserName: user,
        TargetDomainName: 'CORP',
        LogonType: rng.pick([2, 3, 7, 11]),
        LogonProcessName: 'User32',
        AuthenticationPackageName: 'Negotiate',
        IpAddress: `10.20.${rng.int(0, 9)}.${rng.int(2, 250)}`,
        WorkstationName: host,
      },
      recordId,
    );
  if (roll < 0.9) return record(SECURITY, 4634, host, at, { TargetUserName: user, TargetDomainName: 'CORP', LogonType: 3 }, recordId);
  return record(
    SECURITY,
    4688,
    host,
    at,
    {
      SubjectUserName: user,
      NewProcessName: process.Image,
      CommandLine: process.CommandLine,
      ParentProcessName: process.ParentImage,
      TokenElevationType: '%%1938',
    },
    recordId,
  );
}

/** `count` benign Windows records, one second apart from `start`, the same for the same seed. */
export function benignWindowsRecords(count: number, start: Date, seed = 4242): unknown[] {
  const rng = createRng(seed);
  return Array.from({ length: count }, (_, i) => benignRecord(rng, new Date(start.getTime() + i * 1000), 100000 + i));
}
