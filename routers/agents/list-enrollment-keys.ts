import { z } from 'zod';
import { orgContext, orgProcedure } from '../../server/auth/procedures.ts';
import { toEnrollmentKeyDto, ZEnrollmentKey } from '../../services/agents/agent.dto.ts';
import { listOrgEnrollmentKeys } from '../../services/agents/enrollment-keys.service.ts';

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
  .query(async ({ ctx }) => (await listOrgEnrollmentKeys(orgContext(ctx))).map(toEnrollmentKeyDto));
