export { analyseThreat, answerNlQuery } from './nl-query.service.ts';
export {
  ZNlpStatus,
  ZNlQueryRequest,
  ZNlQueryResponse,
  ZSemanticSearchRequest,
  ZSemanticSearchResponse,
  ZThreatAnalysisRequest,
  ZThreatAnalysisResponse,
} from './nlp.dto.ts';
export { nlpStatus } from './nlp-status.service.ts';
export { semanticSearch } from './semantic-search.service.ts';
