import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { AppError } from '../../core/errors.ts';
import type { RuleTestJob, RuleTestJobResult } from './rule-test-run.ts';

const ENTRY = new URL('./rule-test-thread.ts', import.meta.url);
/** A test that runs longer is stopped (its thread replaced) and answered with QUERY_TIMEOUT. */
export const RULE_TEST_TIMEOUT_MS = 20_000;

type Pending = { resolve: (result: RuleTestJobResult) => void; reject: (error: Error) => void };
type Slot = { worker: Worker; busy: boolean };

const size = Math.max(1, availableParallelism() - 1);
const slots: Slot[] = [];
const queue: Array<{ job: RuleTestJob; pending: Pending }> = [];
const pending = new Map<number, Pending & { slot: Slot; timer: NodeJS.Timeout }>();
let nextId = 1;

function start(): Slot {
  // unref: an idle pool never keeps the process alive
  const slot: Slot = { worker: new Worker(ENTRY), busy: false };
  slot.worker.unref();
  slot.worker.on('message', ({ id, result, error }: { id: number; result?: RuleTestJobResult; error?: string }) => {
    const job = pending.get(id);
    if (!job) return;
    pending.delete(id);
    clearTimeout(job.timer);
    slot.busy = false;
    if (error === undefined) job.resolve(result as RuleTestJobResult);
    else job.reject(new Error(error));
    drain();
  });
  slot.worker.on('error', () => replace(slot, new Error('the rule test thread failed')));
  return slot;
}

function replace(slot: Slot, error: Error): void {
  for (const [id, job] of pending) {
    if (job.slot !== slot) continue;
    pending.delete(id);
    clearTimeout(job.timer);
    job.reject(error);
  }
  void slot.worker.terminate();
  slots.splice(slots.indexOf(slot), 1);
  drain();
}

function drain(): void {
  while (queue.length > 0) {
    const slot = slots.find((candidate) => !candidate.busy) ?? (slots.length < size ? slots[slots.push(start()) - 1] : undefined);
    if (!slot) return;
    const { job, pending: handlers } = queue.shift() as (typeof queue)[number];
    const id = nextId++;
    slot.busy = true;
    const timer = setTimeout(
      () => replace(slot, new AppError('QUERY_TIMEOUT', `the rule test ran longer than ${RULE_TEST_TIMEOUT_MS / 1000} s; test fewer events`)),
      RULE_TEST_TIMEOUT_MS,
    );
    pending.set(id, { ...handlers, slot, timer });
    slot.worker.postMessage({ id, job });
  }
}

/**
 * Runs a rule test on a pool of worker threads (one fewer than the cores, at least one), never on the API's event
 * loop: compiling Sigma and evaluating a thousand events is CPU work a request must not hold the loop for.
 */
export function runRuleTestOffThread(job: RuleTestJob): Promise<RuleTestJobResult> {
  return new Promise((resolve, reject) => {
    queue.push({ job, pending: { resolve, reject } });
    drain();
  });
}
