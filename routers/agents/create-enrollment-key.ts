import { z } from 'zod';
import { createEnrollmentKey, ZEnrollmentKey } from '../../services/agents/index.ts';
import { orgProcedure } from '../procedures.ts';

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
    const { enrollmentKey, key } = await createEnrollmentKey(ctx.service, input);
    ctx.response.status = 201;
    return { ...enrollmentKey, key };
  });
