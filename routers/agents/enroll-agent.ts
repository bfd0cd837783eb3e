import { z } from 'zod';
import { enrollAgent, ZEnrolment } from '../../services/agents/index.ts';
import { credentialsFrom } from '../procedures.ts';
import { publicProcedure } from '../trpc.ts';
import { ZOptionalIp } from './agents.schemas.ts';

// Public, but not `tenancy: 'none'`: the enrolment key names the organisation the agent is written to.
export const enrollAgentProcedure = publicProcedure
  .meta({
    openapi: {
      method: 'POST',
      path: '/agents/enroll',
      tags: ['agents'],
      summary:
        "Enrol an agent with its organisation's enrolment key: a new agent, unless the caller presents its current agent key (then that agent's key is rotated)",
      description:
        'A host name proves nothing (two hosts may share one), so each enrolment creates an agent. To re-enrol an agent (new key, the old one stops working) send its current key as X-Agent-Key, X-Agent-Token or `api_key`; an invalid, revoked or foreign key is a 401.',
    },
  })
  .input(
    z.object({
      name: z.string().trim().min(1).max(255).describe('Host name'),
      os: z.string().trim().min(1).max(100),
      ip_address: ZOptionalIp,
      version: z.string().trim().max(100).optional(),
      enrollment_key: z.string().min(1).max(200).describe('An enrolment key from POST /api/agents/enrollment-keys'),
      api_key: z.string().trim().min(1).max(200).optional().describe('The current key of the agent re-enrolling (or send it as X-Agent-Key / X-Agent-Token)'),
    }),
  )
  .output(ZEnrolment)
  .mutation(({ ctx, input }) => {
    const { api_key, ...enrolment } = input;
    const current_agent_key = (api_key ?? credentialsFrom(ctx.request.headers).agentKey) || undefined;
    return enrollAgent(ctx.service, { ...enrolment, ip_address: enrolment.ip_address ?? null, current_agent_key });
  });
