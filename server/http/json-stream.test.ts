import { describe, expect, it } from 'vitest';
import { parseNdjson } from './body.ts';
import { splitConcatenatedJson } from './json-stream.ts';

describe('splitConcatenatedJson (Fluent Bit json_stream)', () => {
  it('splits objects written back to back, braces and quotes inside strings included', () => {
    expect(splitConcatenatedJson('{"date":1795507200.123456,"a":"}{"}{"b":"\\"{"}')).toEqual([{ date: 1795507200.123456, a: '}{' }, { b: '"{' }]);
    expect(splitConcatenatedJson(' {"a":[1,{"b":2}]}\n[3] ')).toEqual([{ a: [1, { b: 2 }] }, [3]]);
  });

  it('is null for anything else, so the body is reported as invalid JSON', () => {
    for (const text of ['', '   ', '{"a":1', '{"a":1}x{"b":2}', '{"a":1} 2', '{"a":}{"b":2}', '"text"']) expect(splitConcatenatedJson(text), text).toBeNull();
  });
});

describe('parseNdjson', () => {
  it('takes json_lines, json_stream on one line, and keeps a bad line as its text to be rejected by index', () => {
    expect(parseNdjson('{"a":1}\n{"b":2}{"c":3}\r\n{not json\n\n"x"\n')).toEqual([{ a: 1 }, { b: 2 }, { c: 3 }, '{not json', 'x']);
  });
});
