import { type ParsedCronItem, parseCronItems } from 'graphile-worker';
import {
  applyRetentionContract,
  detectionSweepContract,
  detectOfflineAgentsContract,
  pruneWorkerHeartbeatsContract,
  responseSweepContract,
  runDueHuntsContract,
  searchIndexRetentionContract,
  searchIndexSweepContract,
} from './contracts.ts';

const RECURRING = [
  { contract: pruneWorkerHeartbeatsContract, match: '17 * * * *' },
  { contract: applyRetentionContract, match: '7 * * * *' },
  { contract: detectionSweepContract, match: '* * * * *' },
  { contract: detectOfflineAgentsContract, match: '* * * * *' },
  { contract: responseSweepContract, match: '* * * * *' },
  { contract: searchIndexSweepContract, match: '* * * * *' },
  { contract: searchIndexRetentionContract, match: '27 * * * *' },
  { contract: runDueHuntsContract, match: '* * * * *' },
];

/** Few recurring items; each one fans out work rather than doing it all in one job. */
export function cronItems(): ParsedCronItem[] {
  return parseCronItems(RECURRING.map(({ contract, match }) => ({ task: contract.identifier, match, identifier: contract.identifier, payload: { v: 1 } })));
}
