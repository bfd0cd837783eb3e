import { parentPort } from 'node:worker_threads';
import { type RuleTestJob, runRuleTest } from './rule-test-run.ts';

/** A rule-test worker: one job at a time, answered by id. */
parentPort?.on('message', ({ id, job }: { id: number; job: RuleTestJob }) => {
  try {
    parentPort?.postMessage({ id, result: runRuleTest(job) });
  } catch (error) {
    parentPort?.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
