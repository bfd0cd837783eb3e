import { z } from 'zod';
import { revokeOrgEnrollmentKey, ZEnrollmentKey } from '../../services/agents/index.ts';
import { orgProcedure } from '../procedures.ts';

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
  .mutation(({ ctx, input }) => revokeOrgEnrollmentKey(ctx.service, input.key_id));
