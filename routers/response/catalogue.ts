import { z } from 'zod';
import { listActionCatalogue, ZCatalogue } from '../../services/response/index.ts';
import { orgProcedure } from '../procedures.ts';

export const listCatalogueProcedure = orgProcedure('incidents:read')
  .meta({
    openapi: {
      method: 'GET',
      path: '/api/response/actions',
      tags: ['response'],
      summary: 'Every response action Vigil can execute, and whether it can here and now',
      description:
        '`?category=` network|endpoint|identity|email|web (400 otherwise). Each entry has its parameters (names and JSON Schema), safety level, inverse, and `executable`: whether an enforcement point that can carry it out is configured for your organisation.',
    },
  })
  .input(z.object({ category: z.string().trim().max(32).optional() }))
  .output(ZCatalogue)
  .query(({ ctx, input }) => listActionCatalogue(ctx.service, input.category));
