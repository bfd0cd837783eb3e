import { z } from 'zod';
import { enrollAgent, ZEnrolment } from '../../services/agents/index.ts';
import { publicProcedure } from '../trpc.ts';
import { ZOptionalIp } from './agents.schemas.ts';

// Public, but not `tenancy: 'none'`: the enrolment key names the organisation the agent is written to.
export const enrollAgentProcedure = publicProcedure
  .meta({
    openapi: {
      method: 'POST',
      path: '/agents/enroll',
      tags: ['agents'],
      summary: "Enrol an agent with its organisation's enrolment key; re-enrolling a host name rotates that agent's key",
    },
  })
  .input(
    z.object({
      name: z.string().trim().min(1).max(255).describe('Host name; re-enrolling a live name issues a new key and invalidates the old one'),
      os: z.string().trim().min(1).max(100),
      ip_address: ZOptionalIp,
      version: z.string().trim().max(100).optional(),
      enrollment_key: z.string().min(1).max(200).describe('An enrolment key from POST /api/agents/enrollment-keys'),
    }),
  )
  .output(ZEnrolment)
  .mutation(({ ctx, input }) => enrollAgent(ctx.service, { ...input, ip_address: input.ip_address ?? null }));
