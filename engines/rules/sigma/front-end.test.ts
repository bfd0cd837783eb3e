import { describe, expect, it } from 'vitest';
import { compile, compileText, problemsOf, processEvent, ruleText, SYSMON, winEvent } from '../../../tests/fixtures/sigma.ts';
import { parseWindows } from '../../telemetry/windows.ts';
import { parseSigmaText } from './index.ts';

describe('conditions', () => {
  const detection = (condition: string) => `
    a:
      CommandLine|contains: alpha
    b:
      CommandLine|contains: bravo
    c:
      CommandLine|contains: charlie
    _helper:
      CommandLine|contains: zulu
    condition: ${condition}
  `;
  const truthTable = (condition: string) => {
    const rule = compile(detection(condition));
    const lines = ['alpha', 'bravo', 'charlie', 'alpha bravo', 'bravo charlie', 'alpha bravo charlie', 'none'];
    return lines.filter((line) => rule.match(processEvent({ CommandLine: line })));
  };

  it('and binds tighter than or: a or b and c = a or (b and c)', () => {
    expect(truthTable('a or b and c')).toEqual(['alpha', 'alpha bravo', 'bravo charlie', 'alpha bravo charlie']);
  });

  it('parentheses group', () => {
    expect(truthTable('(a or b) and c')).toEqual(['bravo charlie', 'alpha bravo charlie']);
  });

  it('not binds tighter than and', () => {
    expect(truthTable('b and not c')).toEqual(['bravo', 'alpha bravo']);
    expect(truthTable('not (a or b)')).toEqual(['charlie', 'none']);
  });

  it('1 of pattern, all of pattern', () => {
    const rule = compile(`
      selection_img:
        Image|endswith: '\\rundll32.exe'
      selection_cli:
        CommandLine|contains: javascript
      filter:
        CommandLine|contains: safe
      condition: 1 of selection_* and not filter
    `);
    const all = compile(`
      selection_img:
        Image|endswith: '\\rundll32.exe'
      selection_cli:
        CommandLine|contains: javascript
      condition: all of selection_*
    `);
    const events = [
      { Image: 'C:\\rundll32.exe', CommandLine: 'x' },
      { Image: 'C:\\cmd.exe', CommandLine: 'javascript:' },
      { Image: 'C:\\rundll32.exe', CommandLine: 'javascript:' },
      { Image: 'C:\\rundll32.exe', CommandLine: 'safe' },
      { Image: 'C:\\cmd.exe', CommandLine: 'x' },
    ];
    expect(events.map((fields) => rule.match(processEvent(fields)))).toEqual([true, true, true, false, false]);
    expect(events.map((fields) => all.match(processEvent(fields)))).toEqual([false, false, true, false, false]);
  });

  it('all of them / 1 of them leave out identifiers starting with _', () => {
    expect(truthTable('all of them')).toEqual(['alpha bravo charlie']);
    expect(truthTable('1 of them')).toEqual(['alpha', 'bravo', 'charlie', 'alpha bravo', 'bravo charlie', 'alpha bravo charlie']);
  });

  it('2 of pattern needs two of the identifiers', () => {
    expect(truthTable('2 of them')).toEqual(['alpha bravo', 'bravo charlie', 'alpha bravo charlie']);
  });

  it('a list of conditions is an OR', () => {
    const rule = compile(`
      a:
        CommandLine|contains: alpha
      b:
        CommandLine|contains: bravo
      condition:
        - a
        - b
    `);
    expect(['alpha', 'bravo', 'none'].map((line) => rule.match(processEvent({ CommandLine: line })))).toEqual([true, true, false]);
  });

  it('an undefined identifier and a syntax error are rejected with their line', () => {
    expect(problemsOf(detection('a or missing'))[0]).toMatchObject({ construct: 'search identifier', line: 15 });
    expect(problemsOf(detection('a and (b or c'))[0]).toMatchObject({ construct: 'condition', line: 15 });
    expect(problemsOf(detection('a | count() > 5'))[0]?.message).toContain('correlation rule');
  });
});

describe('the logsource', () => {
  const rule = () =>
    compile(`
      selection:
        Image|endswith: '\\whoami.exe'
      condition: selection
    `);

  it('holds only for the mapped channel and EventID', () => {
    const image = 'C:\\Windows\\System32\\whoami.exe';
    expect(rule().match(processEvent({ Image: image }))).toBe(true);
    expect(rule().match(winEvent({ EventID: 11, Image: image }))).toBe(false);
    expect(rule().match(winEvent({ Channel: 'Application', Image: image }))).toBe(false);
    expect(rule().match({ ...processEvent({ Image: image }), sourceKind: 'syslog' })).toBe(false);
  });

  it('Security 4688 matches with Image read from NewProcessName', () => {
    expect(rule().match(winEvent({ Channel: 'Security', EventID: 4688, NewProcessName: 'C:\\Windows\\System32\\whoami.exe' }))).toBe(true);
  });

  it('matches an event built by the Windows parser', () => {
    const parsed = parseWindows(
      { Channel: SYSMON, EventID: 1, Image: 'C:\\Windows\\System32\\whoami.exe', CommandLine: 'whoami /all', UtcTime: '2026-01-01 10:00:00.000' },
      { receivedAt: new Date('2026-01-02T00:00:00Z') },
    );
    if (!parsed.ok) throw new Error(parsed.reason);
    expect(rule().match(parsed.event)).toBe(true);
  });

  it('an unsupported logsource rejects the rule with the reason, at the logsource line', () => {
    const text = 'title: t\nlogsource:\n  product: aws\n  service: cloudtrail\ndetection:\n  selection:\n    eventName: x\n  condition: selection\n';
    const { problems } = compileText(text);
    expect(problems).toEqual([expect.objectContaining({ construct: 'logsource', line: 2 })]);
    expect(problems[0]?.message).toContain('cloud');
  });
});

describe('evaluation state shared between rules', () => {
  it('rules run alternately on different events each see their own event', () => {
    const byCommandLine = compile(`
      selection:
        CommandLine|contains: whoami
      condition: selection
    `);
    const byKeyword = compile(`
      keywords:
        - whoami
      condition: keywords
    `);
    const hit = processEvent({ CommandLine: 'WHOAMI /all' });
    const miss = processEvent({ CommandLine: 'notepad' });
    const results = [hit, miss, hit, miss].flatMap((event) => [byCommandLine.match(event), byKeyword.match(event)]);
    expect(results).toEqual([true, true, false, false, true, true, false, false]);
  });
});

describe('explain', () => {
  const rule = () =>
    compile(`
      selection_img:
        Image|endswith: '\\powershell.exe'
      selection_cli:
        CommandLine|contains: ' -enc '
      filter_admin:
        User|contains: admin
      condition: 1 of selection_* and not filter_admin
    `);

  it('names the selections that held', () => {
    expect(rule().explain(processEvent({ Image: 'C:\\powershell.exe', CommandLine: 'powershell -enc AA', User: 'jdoe' }))).toEqual({
      matched: true,
      selections: ['selection_img', 'selection_cli'],
    });
    expect(rule().explain(processEvent({ Image: 'C:\\powershell.exe', CommandLine: 'x', User: 'Admin' }))).toEqual({
      matched: false,
      selections: ['selection_img', 'filter_admin'],
    });
    expect(rule().explain(processEvent({ Image: 'C:\\cmd.exe', CommandLine: 'x', User: 'jdoe' }))).toEqual({ matched: false, selections: [] });
  });

  it('names none when the logsource does not hold', () => {
    expect(rule().explain(winEvent({ EventID: 11, Image: 'C:\\powershell.exe' }))).toEqual({ matched: false, selections: [] });
  });
});

describe('parse and compile problems', () => {
  it('a YAML error names its line', () => {
    const text = 'title: t\nlogsource:\n  product: windows\ndetection:\n  selection:\n    Image: [unclosed\n  condition: selection\n';
    const { problems } = compileText(text);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]).toMatchObject({ construct: 'yaml' });
    expect(problems[0]?.line).toBeGreaterThanOrEqual(6);
  });

  it('a bad indentation names its line', () => {
    const text = 'title: t\nlogsource:\n  product: windows\ndetection:\n  selection:\n    Image: a\n   CommandLine: b\n  condition: selection\n';
    expect(compileText(text).problems[0]).toMatchObject({ construct: 'yaml', line: 7 });
  });

  it('a duplicate key is rejected at the second occurrence', () => {
    const text = 'title: t\nlogsource:\n  product: windows\ndetection:\n  selection:\n    Image: a\n    Image: b\n  condition: selection\n';
    const { problems } = compileText(text);
    expect(problems).toEqual([expect.objectContaining({ construct: 'duplicate key', line: 7, column: 5 })]);
    expect(problems[0]?.message).toContain("'Image'");
  });

  it('an unknown modifier is rejected with its name and line', () => {
    const problems = problemsOf(`
      selection:
        Image|endswith: x
        CommandLine|containz: foo
      condition: selection
    `);
    expect(problems).toEqual([expect.objectContaining({ construct: "modifier 'containz'", line: 9, column: 5 })]);
    expect(problems[0]?.message).toContain("unknown modifier 'containz'");
  });

  it('every problem of a document is reported, each with its line', () => {
    const problems = problemsOf(`
      selection:
        Image|bogus: x
        CommandLine|re: '(?<=a)b'
      condition: selection
    `);
    expect(problems.map((problem) => [problem.construct, problem.line])).toEqual([
      ["modifier 'bogus'", 8],
      ['regex', 9],
    ]);
  });

  it('a multi-document text keeps the good documents and names the bad one', () => {
    const good = ruleText(`
      selection:
        Image: x
      condition: selection
    `);
    const parsed = parseSigmaText(`${good}---\ntitle: bad\nlogsource:\n  product: windows\ndetection:\n  selection:\n    Image: x\n`);
    expect(parsed.documents.map((doc) => doc.kind)).toEqual(['rule']);
    expect(parsed.problems).toEqual([expect.objectContaining({ documentIndex: 1, construct: 'condition' })]);
  });
});
