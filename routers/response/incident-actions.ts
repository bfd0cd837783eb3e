import { z } from 'zod';
import {
  actionMessage,
  actionResult,
  actOnIncident,
  incidentAccounts,
  incidentHost,
  incidentIp,
  liftOnIncident,
  loadIncident,
  resultWord,
  scheduleUnblock,
  toResponseActionDto,
  ZActionResult,
  ZBlockResult,
  ZContainResult,
  ZIsolateResult,
  ZResetResult,
  ZScheduledUnblock,
} from '../../services/response/index.ts';
import { orgProcedure } from '../procedures.ts';
import { bothPrefixes, ZDurationSeconds, ZIncidentId } from './incident-action-paths.ts';

const ENFORCED =
  'Carried out at the organisation’s enforcement points (GET /api/response/enforcement-points) and recorded with every transition (GET /actions/{id}); success only when the point itself reports it done, `unsupported` with the reason when none is configured.';

export const containProcedures = bothPrefixes('contain', (prefix) =>
  orgProcedure('response:execute')
    .meta({
      openapi: {
        method: 'POST',
        path: `${prefix}/{id}/contain`,
        tags: ['response'],
        summary: 'Block the incident’s source IP (Mini-XDR contain)',
        description: `\`?duration_seconds=\` makes it timed: the firewall element times out by itself and a durable job lifts it, across restarts. ${ENFORCED} A completed block moves the incident to contained.`,
      },
    })
    .input(z.object({ id: ZIncidentId, duration_seconds: ZDurationSeconds.optional() }))
    .output(ZContainResult)
    .mutation(async ({ ctx, input }) => {
      const incident = await loadIncident(ctx.service, input.id);
      const action = await actOnIncident(ctx.service, incident, 'block_ip', incidentIp(incident), 'src_ip', input.duration_seconds);
      return { status: resultWord(action), detail: actionMessage(action), action: toResponseActionDto(action) };
    }),
);

export const blockIpProcedures = bothPrefixes('blockIp', (prefix) =>
  orgProcedure('response:execute')
    .meta({
      openapi: {
        method: 'POST',
        path: `${prefix}/{id}/actions/block-ip`,
        tags: ['response'],
        summary: 'Block the incident’s source IP, optionally for a duration (Mini-XDR SOC button)',
        description: `Body \`{duration_seconds?}\` (absent or null: until unblocked). ${ENFORCED}`,
      },
    })
    .input(z.object({ id: ZIncidentId, duration_seconds: ZDurationSeconds.nullable().optional() }))
    .output(ZBlockResult)
    .mutation(async ({ ctx, input }) => {
      const incident = await loadIncident(ctx.service, input.id);
      const action = await actOnIncident(ctx.service, incident, 'block_ip', incidentIp(incident), 'src_ip', input.duration_seconds);
      const result = actionResult(action);
      return { ...result, duration_seconds: action.duration_seconds, auto_unblock: result.success && action.expires_at !== null };
    }),
);

function liftProcedure(name: string, path: string, summary: string, applied: string, inverse: string) {
  return bothPrefixes(name, (prefix) =>
    orgProcedure('response:execute')
      .meta({
        openapi: {
          method: 'POST',
          path: `${prefix}/{id}/${path}`,
          tags: ['response'],
          summary,
          description: `Reverts the block or isolation in force (it then reads reverted). ${ENFORCED}`,
        },
      })
      .input(z.object({ id: ZIncidentId, hostname: z.string().trim().min(1).max(255).optional() }))
      .output(ZActionResult)
      .mutation(async ({ ctx, input }) => {
        const incident = await loadIncident(ctx.service, input.id);
        const target = applied === 'block_ip' ? incidentIp(incident) : incidentHost(incident, input.hostname);
        return actionResult(await liftOnIncident(ctx.service, incident, applied, inverse, target, applied === 'block_ip' ? 'src_ip' : 'hostname'));
      }),
  );
}

export const unblockIpProcedures = liftProcedure('unblockIp', 'actions/unblock-ip', 'Unblock the incident’s source IP', 'block_ip', 'unblock_ip');
export const unblockProcedures = liftProcedure('unblock', 'unblock', 'Unblock the incident’s source IP (Mini-XDR unblock)', 'block_ip', 'unblock_ip');
export const unIsolateProcedures = liftProcedure(
  'unIsolateHost',
  'actions/un-isolate-host',
  'Release the incident’s isolated host',
  'isolate_host',
  'un_isolate_host',
);

export const isolateHostProcedures = bothPrefixes('isolateHost', (prefix) =>
  orgProcedure('response:execute')
    .meta({
      openapi: {
        method: 'POST',
        path: `${prefix}/{id}/actions/isolate-host`,
        tags: ['response'],
        summary: 'Isolate the incident’s host through its agent',
        description: `Body \`{hostname?, isolation_level?: soft|hard|quarantine, duration_seconds?}\`; the host is the incident’s host entity unless named. The host’s agent carries it out (GET /agent/actions) and the action completes only when the agent reports it. ${ENFORCED}`,
      },
    })
    .input(
      z.object({
        id: ZIncidentId,
        hostname: z.string().trim().min(1).max(255).optional(),
        isolation_level: z.enum(['soft', 'hard', 'quarantine']).default('hard'),
        duration_seconds: ZDurationSeconds.nullable().optional(),
      }),
    )
    .output(ZIsolateResult)
    .mutation(async ({ ctx, input }) => {
      const incident = await loadIncident(ctx.service, input.id);
      const action = await actOnIncident(ctx.service, incident, 'isolate_host', incidentHost(incident, input.hostname), 'hostname', input.duration_seconds);
      const result = actionResult(action);
      return { ...result, isolation_level: input.isolation_level, duration_seconds: action.duration_seconds, auto_restore: action.duration_seconds !== null };
    }),
);

export const resetPasswordsProcedures = bothPrefixes('resetPasswords', (prefix) =>
  orgProcedure('response:execute')
    .meta({
      openapi: {
        method: 'POST',
        path: `${prefix}/{id}/actions/reset-passwords`,
        tags: ['response'],
        summary: 'Force a password reset of the incident’s accounts',
        description: `Body \`{accounts?: [email or user id]}\`; by default the incident’s user entity. Each account must change its password at next login and loses its sessions (Vigil’s accounts, or the configured identity provider). Unlike Mini-XDR, it never touches service accounts on a remote host. ${ENFORCED}`,
      },
    })
    .input(z.object({ id: ZIncidentId, accounts: z.array(z.string().trim().min(1).max(320)).max(50).optional() }))
    .output(ZResetResult)
    .mutation(async ({ ctx, input }) => {
      const incident = await loadIncident(ctx.service, input.id);
      const actions = [];
      for (const account of incidentAccounts(incident, input.accounts))
        actions.push(await actOnIncident(ctx.service, incident, 'reset_password', account, 'accounts'));
      const results = actions.map(actionResult);
      return {
        success: results.every((result) => result.success),
        message: results.map((result) => result.message).join('; '),
        details: results.map((r) => r.details ?? '').join('; ') || null,
        actions: results.map((r) => r.action),
      };
    }),
);

export const scheduleUnblockProcedures = bothPrefixes('scheduleUnblock', (prefix) =>
  orgProcedure('response:execute')
    .meta({
      openapi: {
        method: 'POST',
        path: `${prefix}/{id}/schedule_unblock`,
        tags: ['response'],
        summary: 'Lift the incident’s block in N minutes (durable)',
        description:
          '`?minutes=` 1..1440. A graphile-worker job lifts the block at due_at even if Vigil restarts in between; 409 when no block of the incident’s IP is in force.',
      },
    })
    .input(
      z.object({
        id: ZIncidentId,
        minutes: z.coerce.number({ error: 'must be a whole number of minutes' }).int('must be a whole number of minutes').min(1).max(1440),
      }),
    )
    .output(ZScheduledUnblock)
    .mutation(({ ctx, input }) => scheduleUnblock(ctx.service, input.id, input.minutes)),
);
