import { AppError } from '../../core/errors.ts';
import type { RuleProblem } from '../../engines/rules/types.ts';
import type { FailingSample } from './rule-samples.ts';

/** The same answer for a missing rule and another organisation's rule. */
export function ruleNotFound(ruleId: number): AppError {
  return new AppError('NOT_FOUND', `Rule ${ruleId} not found`);
}

export function invalidRuleField(field: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', `${field} ${message}`, { issues: [{ path: field, message }] });
}

export function describeProblem(problem: RuleProblem): string {
  const where = problem.line === null ? '' : ` (line ${problem.line}${problem.column === null ? '' : `, column ${problem.column}`})`;
  return `${problem.construct}: ${problem.message}${where}`;
}

/** Enabling a rule that cannot run: the reasons, each with its construct and line. */
export function ruleNotRunnable(field: string, problems: readonly RuleProblem[]): AppError {
  const reasons = problems.map(describeProblem);
  return new AppError('VALIDATION_FAILED', `the rule cannot be enabled: ${reasons.join('; ')}`, {
    issues: reasons.map((message) => ({ path: field, message })),
    details: { problems },
  });
}

/** Saving or enabling a rule whose tests fail: each failing case by index. */
export function samplesFail(failing: readonly FailingSample[]): AppError {
  const issues = failing.map((sample) => ({ path: `tests[${sample.index}]`, message: `${sample.name ? `${sample.name}: ` : ''}${sample.reason}` }));
  return new AppError(
    'VALIDATION_FAILED',
    `the rule fails ${failing.length} of its tests: ${issues.map((issue) => `${issue.path} ${issue.message}`).join('; ')}`,
    {
      issues,
      details: { failing_tests: failing },
    },
  );
}
