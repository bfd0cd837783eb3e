import { z } from 'zod';
import { orgContext, orgProcedure } from '../../server/auth/procedures.ts';
import { toEnrollmentKeyDto, ZEnrollmentKey } from '../../services/agents/agent.dto.ts';
import { createEnrollmentKey } from '../../services/agents/enrollment-keys.service.ts';

export const createEnrollmentKeyProcedure = orgProcedure('api_keys:manage')
  .meta({
    openapi: {
      method: 'POST',
      path: '/api/agents/enrollment-keys',
      tags: ['agents'],
      summary: 'Create an agent enrolment key for your organisation (admin); the key is shown once',
    },
  })
  .input(z.object({ name: z.string().trim().min(1).max(100) }))
  .output(ZEnrollmentKey.extend({ key: z.string().describe('Give it to agents as enrollment_key. Shown only in this response.') }))
  .mutation(async ({ ctx, input }) => {
    const { row, key } = await createEnrollmentKey(orgContext(ctx), input);
    ctx.response.status = 201;
    return { ...toEnrollmentKeyDto(row), key };
  });
