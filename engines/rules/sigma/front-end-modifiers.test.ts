import { Buffer } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import {
  base64,
  base64Utf16be,
  base64Utf16le,
  compile,
  matchingCommandLines,
  networkEvent,
  problemsOf,
  processEvent,
  winEvent,
} from '../../../tests/fixtures/sigma.ts';

describe('string modifiers', () => {
  it('contains, startswith and endswith, case-insensitive by default', () => {
    const lines = ['C:\\Tools\\MIMIKATZ.exe sekurlsa::logonpasswords', 'mimikatz', 'notepad.exe mimi'];
    expect(matchingCommandLines('CommandLine|contains', 'mimikatz', lines)).toEqual(lines.slice(0, 2));
    expect(matchingCommandLines('CommandLine|startswith', "'c:\\tools\\'", lines)).toEqual(lines.slice(0, 1));
    expect(matchingCommandLines('CommandLine|endswith', 'MIMI', lines)).toEqual(lines.slice(2));
  });

  it('a plain value is an exact, case-insensitive comparison', () => {
    const lines = ['WHOAMI /ALL', 'whoami /all', 'whoami /all /fo csv'];
    expect(matchingCommandLines('CommandLine', "'whoami /all'", lines)).toEqual(lines.slice(0, 2));
  });

  it('cased compares case-sensitively, alone and with contains', () => {
    const lines = ['Whoami', 'whoami', 'run Whoami now'];
    expect(matchingCommandLines('CommandLine|cased', 'Whoami', lines)).toEqual(['Whoami']);
    expect(matchingCommandLines('CommandLine|contains|cased', 'Whoami', lines)).toEqual(['Whoami', 'run Whoami now']);
  });

  it('a value list is an OR; with all, every value must hold', () => {
    const lines = ['net user /add', 'net user', 'net localgroup /add', 'calc'];
    expect(matchingCommandLines('CommandLine|contains', '[user, localgroup]', lines)).toEqual(lines.slice(0, 3));
    expect(matchingCommandLines('CommandLine|contains|all', "[' user', '/add']", lines)).toEqual(['net user /add']);
  });
});

describe('wildcards', () => {
  it('* is any run of characters and ? exactly one; \\\\ is a backslash before a wildcard', () => {
    const lines = ['C:\\Windows\\System32\\net1.exe', 'C:\\Windows\\System32\\net12.exe', 'D:\\net1.exe'];
    expect(matchingCommandLines('CommandLine', "'c:\\windows\\\\*\\net?.exe'", lines)).toEqual(lines.slice(0, 1));
    expect(matchingCommandLines('CommandLine', "'*net??.exe'", lines)).toEqual(lines.slice(1, 2));
  });

  it('\\* and \\? are literal; a backslash before anything else is itself', () => {
    const lines = ['echo *', 'echo x', 'dir C:\\Temp?', 'dir C:\\Temp1'];
    expect(matchingCommandLines('CommandLine', "'echo \\*'", lines)).toEqual(['echo *']);
    expect(matchingCommandLines('CommandLine', "'dir C:\\Temp\\?'", lines)).toEqual(['dir C:\\Temp?']);
  });
});

describe('regular expressions (re)', () => {
  it('are case-sensitive unless i', () => {
    const lines = ['CMD.exe /c whoami', 'cmd.exe /c whoami'];
    expect(matchingCommandLines('CommandLine|re', "'^cmd\\.exe /c'", lines)).toEqual(lines.slice(1));
    expect(matchingCommandLines('CommandLine|re|i', "'^cmd\\.exe /c'", lines)).toEqual(lines);
  });

  it('m lets ^ and $ match at line breaks, s lets . match a line break', () => {
    const multiline = ['cmd\nwhoami\nexit'];
    expect(matchingCommandLines('CommandLine|re', "'^whoami$'", multiline)).toEqual([]);
    expect(matchingCommandLines('CommandLine|re|m', "'^whoami$'", multiline)).toEqual(multiline);
    expect(matchingCommandLines('CommandLine|re', "'cmd.whoami'", multiline)).toEqual([]);
    expect(matchingCommandLines('CommandLine|re|s', "'cmd.whoami'", multiline)).toEqual(multiline);
  });

  it('find the pattern anywhere unless anchored', () => {
    expect(
      matchingCommandLines('CommandLine|re', "'-[eE]nc(odedcommand)? '", ['powershell -enc AAAA', 'powershell -EncodedCommand AAAA', 'powershell -e AAAA']),
    ).toEqual(['powershell -enc AAAA']);
  });

  it('lookaround (RE2 lacks it) rejects the rule at compile time, naming the pattern', () => {
    const problems = problemsOf(`
      selection:
        CommandLine|re: 'foo(?=bar)'
      condition: selection
    `);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ construct: 'regex', line: 8 });
    expect(problems[0]?.message).toContain("'foo(?=bar)' is not a valid RE2 regex");
  });

  it('a regex flag without re is rejected', () => {
    const problems = problemsOf(`
      selection:
        CommandLine|i: foo
      condition: selection
    `);
    expect(problems[0]).toMatchObject({ construct: "modifier 'i'", line: 8 });
  });
});

describe('cidr', () => {
  const destinations = (cidr: string, addresses: string[]) => {
    const rule = compile(
      `
      selection:
        DestinationIp|cidr: '${cidr}'
      condition: selection
    `,
      { category: 'network_connection' },
    );
    return addresses.filter((address) => rule.match(networkEvent({ DestinationIp: address })));
  };

  it('IPv4 ranges', () => {
    expect(destinations('10.0.0.0/8', ['10.1.2.3', '10.255.255.255', '11.0.0.1', '192.168.1.1', 'not an ip'])).toEqual(['10.1.2.3', '10.255.255.255']);
    expect(destinations('192.168.1.128/25', ['192.168.1.127', '192.168.1.128', '192.168.1.255'])).toEqual(['192.168.1.128', '192.168.1.255']);
  });

  it('IPv6 ranges', () => {
    expect(destinations('2001:db8::/32', ['2001:db8::1', '2001:0db8:ffff::42', '2001:db9::1', '10.0.0.1'])).toEqual(['2001:db8::1', '2001:0db8:ffff::42']);
    expect(destinations('fe80::/10', ['fe80::1', 'febf::1', 'fec0::1'])).toEqual(['fe80::1', 'febf::1']);
  });

  it('reads the normalised dstIp column too', () => {
    const rule = compile(
      `
      selection:
        DestinationIp|cidr: 10.0.0.0/8
      condition: selection
    `,
      { category: 'network_connection' },
    );
    expect(rule.match(winEvent({ EventID: 3 }, { dstIp: '10.9.9.9' }))).toBe(true);
  });

  it('a value that is not a range is rejected', () => {
    const problems = problemsOf(`
      selection:
        DestinationIp|cidr: 10.0.0.0/33
      condition: selection
    `);
    expect(problems[0]).toMatchObject({ construct: 'cidr', line: 8 });
  });
});

describe('encoding modifiers', () => {
  it('base64 encodes the value (padding included, so contains finds it only at the start of a block)', () => {
    const encoded = base64('http://evil.example/x');
    const lines = [encoded, `powershell -e ${encoded}`, `powershell -e ${base64('xhttp://evil.example/x')}`];
    expect(matchingCommandLines('CommandLine|base64', "'http://evil.example/x'", lines)).toEqual(lines.slice(0, 1));
    expect(matchingCommandLines('CommandLine|base64|contains', "'http://evil.example/x'", lines)).toEqual(lines.slice(0, 2));
  });

  it('base64offset finds the value at any of the three byte offsets', () => {
    const encoded = ['', 'a', 'ab', 'abc'].map((prefix) => base64(`${prefix}http://evil.example`));
    const other = base64('xxftp://evil.example');
    expect(matchingCommandLines('CommandLine|base64offset|contains', "'http://'", [...encoded, other])).toEqual(encoded);
  });

  it('utf16le (wide) then base64offset finds PowerShell -EncodedCommand text at any offset, not the UTF-8 encoding', () => {
    const script = (prefix: string) => `${prefix}Invoke-Mimikatz -DumpCreds`;
    const le = ['', 'x', 'xy'].map((prefix) => `powershell -enc ${base64Utf16le(script(prefix))}`);
    const utf8 = `powershell -enc ${base64(script(''))}`;
    expect(matchingCommandLines('CommandLine|utf16le|base64offset|contains', 'Invoke-Mimikatz', [...le, utf8])).toEqual(le);
    expect(matchingCommandLines('CommandLine|wide|base64offset|contains', 'Invoke-Mimikatz', [...le, utf8])).toEqual(le);
  });

  it('utf16le, utf16be and utf16 (byte order mark) give different bytes', () => {
    const value = 'Invoke-Mimikatz';
    const le = base64Utf16le(value);
    const be = base64Utf16be(value);
    const bom = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(value, 'utf16le')]).toString('base64');
    const lines = [le, be, bom];
    expect(matchingCommandLines('CommandLine|utf16le|base64', value, lines)).toEqual([le]);
    expect(matchingCommandLines('CommandLine|utf16be|base64', value, lines)).toEqual([be]);
    expect(matchingCommandLines('CommandLine|utf16|base64', value, lines)).toEqual([bom]);
  });

  it('utf16le without base64 compares the UTF-16 bytes as characters', () => {
    const wideText = Buffer.from('cmd', 'utf16le').toString('latin1');
    expect(matchingCommandLines('CommandLine|wide|contains', 'cmd', [`x${wideText}y`, 'cmd'])).toEqual([`x${wideText}y`]);
  });

  it('windash matches each dash-like character Windows accepts for a flag', () => {
    const lines = ['ping -n 1', 'ping /n 1', 'ping \u2013n 1', 'ping \u2014n 1', 'ping \u2015n 1', 'ping n 1', 'ping _n 1'];
    expect(matchingCommandLines('CommandLine|windash|contains', "' -n '", lines)).toEqual(lines.slice(0, 5));
  });

  it('base64 of a wildcard value is rejected', () => {
    const problems = problemsOf(`
      selection:
        CommandLine|base64: 'http*'
      condition: selection
    `);
    expect(problems[0]).toMatchObject({ construct: "modifier 'base64'", line: 8 });
  });
});

describe('exists, null and numeric comparisons', () => {
  it('exists: true / false', () => {
    const present = compile(`
      selection:
        ParentImage|exists: true
      condition: selection
    `);
    const absent = compile(`
      selection:
        ParentImage|exists: false
      condition: selection
    `);
    const withParent = () => processEvent({ ParentImage: 'C:\\Windows\\explorer.exe' });
    const emptyParent = () => processEvent({ ParentImage: '' });
    const withoutParent = () => processEvent({ Image: 'C:\\x.exe' });
    expect([present.match(withParent()), present.match(emptyParent()), present.match(withoutParent())]).toEqual([true, true, false]);
    expect([absent.match(withParent()), absent.match(emptyParent()), absent.match(withoutParent())]).toEqual([false, false, true]);
  });

  it('null matches a missing, null or empty field', () => {
    const rule = compile(`
      selection:
        Image|endswith: '\\cmd.exe'
        ParentImage: null
      condition: selection
    `);
    const image = 'C:\\Windows\\System32\\cmd.exe';
    expect(rule.match(processEvent({ Image: image }))).toBe(true);
    expect(rule.match(processEvent({ Image: image, ParentImage: null }))).toBe(true);
    expect(rule.match(processEvent({ Image: image, ParentImage: '' }))).toBe(true);
    expect(rule.match(processEvent({ Image: image, ParentImage: 'C:\\Windows\\explorer.exe' }))).toBe(false);
  });

  it('gt, gte, lt and lte compare numbers and numeric text', () => {
    const matching = (modifier: string, limit: number) => {
      const rule = compile(`
        selection:
          TerminalSessionId|${modifier}: ${limit}
        condition: selection
      `);
      return [1, 2, '2', 3, 'two', null].filter((value) => rule.match(processEvent({ TerminalSessionId: value })));
    };
    expect(matching('gt', 2)).toEqual([3]);
    expect(matching('gte', 2)).toEqual([2, '2', 3]);
    expect(matching('lt', 2)).toEqual([1]);
    expect(matching('lte', 2)).toEqual([1, 2, '2']);
  });

  it('a plain number matches the number and its text', () => {
    const rule = compile(`
      selection:
        LogonType: 3
      condition: selection
    `);
    expect([3, '3', 4, '03x'].map((value) => rule.match(processEvent({ LogonType: value })))).toEqual([true, true, false, false]);
  });

  it('a comparison without a number is rejected', () => {
    const problems = problemsOf(`
      selection:
        TerminalSessionId|gt: many
      condition: selection
    `);
    expect(problems[0]).toMatchObject({ construct: "modifier 'gt'", line: 8 });
  });
});

describe('fieldref', () => {
  const rule = (modifiers: string) =>
    compile(`
      selection:
        ParentImage|${modifiers}: Image
      condition: selection
    `);

  it('compares with another field of the same event, case-insensitively', () => {
    const same = rule('fieldref');
    expect(same.match(processEvent({ Image: 'C:\\a\\x.exe', ParentImage: 'C:\\A\\X.EXE' }))).toBe(true);
    expect(same.match(processEvent({ Image: 'C:\\a\\x.exe', ParentImage: 'C:\\a\\y.exe' }))).toBe(false);
    expect(same.match(processEvent({ ParentImage: 'C:\\a\\y.exe' }))).toBe(false);
  });

  it('takes contains / startswith / endswith and cased', () => {
    const event = () => processEvent({ Image: 'x.exe', ParentImage: 'C:\\a\\X.exe' });
    expect(rule('fieldref|endswith').match(event())).toBe(true);
    expect(rule('fieldref|startswith').match(event())).toBe(false);
    expect(rule('fieldref|contains').match(event())).toBe(true);
    expect(rule('fieldref|endswith|cased').match(event())).toBe(false);
  });
});

describe('expand with placeholders', () => {
  const detection = `
    selection:
      User|expand: '%Admins%'
    condition: selection
  `;

  it('replaces the placeholder by each of its values', () => {
    const rule = compile(detection, { placeholders: { Admins: ['CORP\\Administrator', 'CORP\\svc-*'] } });
    const users = ['corp\\administrator', 'CORP\\svc-backup', 'CORP\\jdoe'];
    expect(users.filter((user) => rule.match(processEvent({ User: user })))).toEqual(users.slice(0, 2));
  });

  it('an unresolved placeholder rejects the rule', () => {
    const problems = problemsOf(detection, { placeholders: { Others: ['x'] } });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ construct: 'placeholder', line: 8 });
    expect(problems[0]?.message).toContain('%Admins%');
  });
});

describe('keywords', () => {
  it('a keyword list matches any string of the record, anywhere in it', () => {
    const rule = compile(`
      keywords:
        - sekurlsa
        - 'lsadump::'
      condition: keywords
    `);
    expect(rule.match(processEvent({ CommandLine: 'mimikatz SEKURLSA::logonpasswords' }))).toBe(true);
    expect(rule.match(processEvent({ ScriptBlockText: 'x lsadump::sam' }))).toBe(true);
    expect(rule.match(processEvent({ CommandLine: 'notepad' }))).toBe(false);
  });

  it('|all keywords must each be found', () => {
    const rule = compile(`
      keywords:
        '|all':
          - invoke
          - mimikatz
      condition: keywords
    `);
    expect(rule.match(processEvent({ CommandLine: 'Invoke-Mimikatz' }))).toBe(true);
    expect(rule.match(processEvent({ CommandLine: 'Invoke-Expression' }))).toBe(false);
  });
});
