import { type ResolvedCorrelation, resolveCorrelation } from './correlation/index.ts';
import { type CompileResult, compileRuleInput, type RuleInput, type RuleProgram } from './program.ts';
import { buildRuleSet, type RuleFilterEntry, type RuleSet } from './runtime/index.ts';
import type { CompiledRule, FieldMapping, Logsource, RuleProblem } from './types.ts';

export type PlannedCorrelation = { key: string; spec: ResolvedCorrelation };

/** An organisation's rules, ready to run: what the continuous detection, a replay and a rule test evaluate. */
export type RulePlan = {
  ruleSet: RuleSet;
  /** every detection rule in the rule set, by key */
  detections: ReadonlyMap<string, CompiledRule>;
  /** detection rules that raise their own alerts: enabled, and not only a building block (Sigma `generate: false`) */
  alerting: ReadonlySet<string>;
  correlations: readonly PlannedCorrelation[];
  /** rules that cannot run now (a mapping change, a missing reference): they are skipped, never fatal */
  problems: ReadonlyMap<string, RuleProblem[]>;
};

export type PlanInput = { input: RuleInput; enabled: boolean };

/**
 * Compiles the rules and wires them: correlations resolve their references (by Sigma id or name) to the detection
 * rules they count, filters to the rules whose matches they drop. A referenced rule runs for its correlation even
 * when it is not enabled on its own; it alerts on its own only when it is enabled and no enabled correlation that
 * uses it says `generate: false`.
 */
export function planRules(rules: readonly PlanInput[], mapping: FieldMapping, compiled = new Map<string, CompileResult>()): RulePlan {
  const problems = new Map<string, RuleProblem[]>();
  const programs: Array<{ program: RuleProgram; enabled: boolean }> = [];
  for (const { input, enabled } of rules) {
    const result = compiled.get(input.key) ?? compileRuleInput(input, mapping);
    if ('problems' in result) problems.set(input.key, result.problems);
    else programs.push({ program: result.program, enabled });
  }
  const detections = new Map<string, CompiledRule>();
  const referable = new Map<string, { key: string; logsource: Logsource }>();
  for (const { program } of programs) {
    if (program.kind !== 'detection') continue;
    for (const ref of program.refs) referable.set(ref, { key: program.key, logsource: program.rule.meta.logsource });
  }

  const correlations: PlannedCorrelation[] = [];
  const needed = new Set<string>();
  const suppressed = new Set<string>();
  const filters: RuleFilterEntry[] = [];
  for (const { program, enabled } of programs) {
    if (!enabled) continue;
    if (program.kind === 'correlation') {
      const resolved = resolveCorrelation(program.document, referable, mapping);
      if ('problems' in resolved) {
        problems.set(program.key, resolved.problems);
        continue;
      }
      correlations.push({ key: program.key, spec: resolved.spec });
      for (const key of resolved.spec.rules) {
        needed.add(key);
        if (!resolved.spec.generate) suppressed.add(key);
      }
    } else if (program.kind === 'filter') {
      const ruleKeys = program.filter.rules.flatMap((ref) => referable.get(ref)?.key ?? []);
      if (ruleKeys.length > 0) filters.push({ ruleKeys, match: program.filter.match });
    }
  }

  const alerting = new Set<string>();
  for (const { program, enabled } of programs) {
    if (program.kind !== 'detection') continue;
    if (enabled && !suppressed.has(program.key)) alerting.add(program.key);
    if (enabled || needed.has(program.key)) detections.set(program.key, program.rule);
  }
  const ruleSet = buildRuleSet(
    [...detections].map(([key, rule]) => ({ key, rule })),
    filters,
    mapping,
  );
  return { ruleSet, detections, alerting, correlations, problems };
}
