export {
  createHunt,
  getHunt,
  listHuntRunHistory,
  listOrgHunts,
  patchHunt,
  removeHunt,
  runHuntNow,
  runScheduledHunt,
  scheduleDueHunts,
  ZHunt,
  ZHuntCreateInput,
  ZHuntDeleted,
  ZHuntPatchInput,
  ZHuntRunOutcome,
  ZHuntRunPage,
} from './hunts/index.ts';
export { kqlErrorDetail } from './kql-errors.ts';
export { type KqlRunResult, ZKqlDiagnostic, ZKqlRunResult, ZKqlValidation } from './kql-result.dto.ts';
export {
  analyseThreat,
  answerNlQuery,
  nlpStatus,
  semanticSearch,
  ZNlpStatus,
  ZNlQueryRequest,
  ZNlQueryResponse,
  ZSemanticSearchRequest,
  ZSemanticSearchResponse,
  ZThreatAnalysisRequest,
  ZThreatAnalysisResponse,
} from './nlp/index.ts';
export { applySearchIndexRetention, runSearchIndexer, sweepSearchIndex } from './opensearch/indexer.service.ts';
export { runOpenSearchKql } from './opensearch/run-opensearch-kql.ts';
export { compileKqlForBench, type KqlAstRunInput, type KqlValidation, runKqlAst, runKqlQuery, validateKqlQuery } from './run-kql.service.ts';
