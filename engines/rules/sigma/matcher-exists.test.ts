import { describe, expect, it } from 'vitest';
import { blankRuleEvent } from '../blank-event.ts';
import type { Condition, RuleEvent } from '../types.ts';
import { compilePredicate, createRunner } from './matcher.ts';

const event = (overrides: Partial<RuleEvent>): RuleEvent => blankRuleEvent({ raw: {}, ...overrides });

const exists = (value: boolean, paths: string[]): Condition => ({ type: 'field', field: 'CommandLine', paths, tests: [{ op: 'exists', value }], mode: 'any' });
const run = createRunner();
const holds = (condition: Condition, on: RuleEvent) => run(compilePredicate(condition), on);

// a field mapped to its raw name and a normalised column (CommandLine → attributes.win.CommandLine, processCommandLine)
const PATHS = ['attributes.win.CommandLine', 'processCommandLine'];

describe('|exists over a field mapped to a column', () => {
  it('does not count a null column as the field being there', () => {
    const withoutField = event({ attributes: { win: { Image: 'C:\\a.exe' } } });
    expect(holds(exists(true, PATHS), withoutField)).toBe(false);
    expect(holds(exists(false, PATHS), withoutField)).toBe(true);
  });

  it('counts the field when either path has it, a null value inside attributes included (the spec: present, even if null)', () => {
    expect(holds(exists(true, PATHS), event({ processCommandLine: 'cmd /c whoami' }))).toBe(true);
    expect(holds(exists(true, PATHS), event({ attributes: { win: { CommandLine: null } } }))).toBe(true);
    expect(holds(exists(false, PATHS), event({ attributes: { win: { CommandLine: '' } } }))).toBe(false);
  });
});
