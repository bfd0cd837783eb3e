import { CORPUS_SKIP_REASON, corpusAvailable } from '../fixtures/corpus.ts';

/**
 * Once per run (root globalSetup, whichever projects run): a clone without the corpus passes with the corpus tests
 * skipped, and says so in one line rather than once per file. CI checks for the corpus itself (.ci/run).
 */
export default function setup(): void {
  if (!corpusAvailable) process.stdout.write(`corpus tests skipped: ${CORPUS_SKIP_REASON} (CI requires it)\n`);
}
