import { z } from 'zod';
import { nlpStatus, ZNlpStatus } from '../../services/search/index.ts';
import { nlpProcedure } from './nlp-access.ts';

export const nlpStatusProcedure = nlpProcedure
  .meta({
    tenancy: 'none',
    openapi: {
      method: 'GET',
      path: '/api/nlp/status',
      tags: ['nlp'],
      summary: 'What the natural-language endpoints really run: a deterministic translator and full-text search, no model loaded',
    },
  })
  .input(z.object({}))
  .output(ZNlpStatus)
  .query(({ ctx }) => nlpStatus(ctx.service));
