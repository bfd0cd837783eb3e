import { semanticSearch, ZSemanticSearchRequest, ZSemanticSearchResponse } from '../../services/search/index.ts';
import { nlpProcedure } from './nlp-access.ts';

export const nlpSemanticSearchProcedure = nlpProcedure
  .meta({
    openapi: {
      method: 'POST',
      path: '/api/nlp/semantic-search',
      tags: ['nlp'],
      summary: 'Incidents (plus alerts and the last 24 hours of events) ranked by full-text relevance to the query',
      description:
        'No embeddings: PostgreSQL full-text search (english stemming) over incident title, reason, description, threat category and tags; alert title, description, category and entity; event message, command line and URL (the newest 5000 events of the last 24 hours). similarity_score is ts_rank_cd normalised to 0–1 (search_metadata.normalisation) and similarity_threshold is applied to it.',
    },
  })
  .input(ZSemanticSearchRequest)
  .output(ZSemanticSearchResponse)
  .mutation(({ ctx, input }) => semanticSearch(ctx.service, input));
