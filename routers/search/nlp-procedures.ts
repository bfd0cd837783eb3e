import { nlpQueryProcedure, nlpThreatAnalysisProcedure } from './nlp-query.ts';
import { nlpSemanticSearchProcedure } from './nlp-semantic-search.ts';
import { nlpStatusProcedure } from './nlp-status.ts';

/** Mini-XDR's /api/nlp/*, spread into searchRouter (procedure paths search.nlpQuery, …). */
export const nlpProcedures = {
  nlpQuery: nlpQueryProcedure,
  nlpThreatAnalysis: nlpThreatAnalysisProcedure,
  nlpSemanticSearch: nlpSemanticSearchProcedure,
  nlpStatus: nlpStatusProcedure,
};
