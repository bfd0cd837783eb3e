import { z } from 'zod';
import { orgContext, orgProcedure } from '../../server/auth/procedures.ts';
import { toEnrollmentKeyDto, ZEnrollmentKey } from '../../services/agents/agent.dto.ts';
import { revokeOrgEnrollmentKey } from '../../services/agents/enrollment-keys.service.ts';

export const revokeEnrollmentKeyProcedure = orgProcedure('api_keys:manage')
  .meta({
    openapi: {
      method: 'DELETE',
      path: '/api/agents/enrollment-keys/{key_id}',
      tags: ['agents'],
      summary: 'Revoke an enrolment key (admin): no new enrolments with it; enrolled agents keep working',
    },
  })
  .input(z.object({ key_id: z.uuid() }))
  .output(ZEnrollmentKey)
  .mutation(async ({ ctx, input }) => toEnrollmentKeyDto(await revokeOrgEnrollmentKey(orgContext(ctx), input.key_id)));
