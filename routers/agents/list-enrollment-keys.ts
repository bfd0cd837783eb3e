import { z } from 'zod';
import { listOrgEnrollmentKeys, ZEnrollmentKey } from '../../services/agents/index.ts';
import { orgProcedure } from '../procedures.ts';

export const listEnrollmentKeysProcedure = orgProcedure('api_keys:manage')
  .meta({
    openapi: {
      method: 'GET',
      path: '/api/agents/enrollment-keys',
      tags: ['agents'],
      summary: "The organisation's agent enrolment keys (admin), revoked ones included",
    },
  })
  .input(z.void())
  .output(z.array(ZEnrollmentKey))
  .query(({ ctx }) => listOrgEnrollmentKeys(ctx.service));
