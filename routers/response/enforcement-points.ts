import { z } from 'zod';
import {
  createEnforcementPoint,
  deleteOrgEnforcementPoint,
  getResponseSettings,
  listOrgEnforcementPoints,
  POINT_KINDS,
  putResponseSettings,
  updateOrgEnforcementPoint,
  ZCreatedEnforcementPoint,
  ZEnforcementPoint,
  ZResponseSettings,
} from '../../services/response/index.ts';
import { orgProcedure } from '../procedures.ts';

const ZPointId = z.coerce
  .number({ error: 'must be a positive integer' })
  .int('must be a positive integer')
  .min(1, 'must be a positive integer')
  .max(Number.MAX_SAFE_INTEGER);
const ZName = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9 _.-]{0,99}$/, 'letters, digits, space, _ . - (1–100)');
const ZSecret = z
  .string()
  .min(16, 'must be at least 16 characters')
  .max(16_384)
  .describe('SSH private key (nftables_ssh) or the signing secret (webhook); stored sealed, never returned');
const ZConfig = z
  .record(z.string(), z.unknown())
  .describe('nftables: {table?, netns?}; nftables_ssh: {host, port?, username, host_key_sha256, table?}; webhook: {url}');

export const listEnforcementPointsProcedure = orgProcedure('settings:read')
  .meta({
    openapi: {
      method: 'GET',
      path: '/api/response/enforcement-points',
      tags: ['response'],
      summary: 'The organisation’s enforcement points (firewalls, firewall APIs)',
      description: 'Secrets are never returned (has_secret says whether one is stored).',
    },
  })
  .input(z.object({}))
  .output(z.array(ZEnforcementPoint))
  .query(({ ctx }) => listOrgEnforcementPoints(ctx.service));

export const createEnforcementPointProcedure = orgProcedure('settings:write')
  .meta({
    openapi: {
      method: 'POST',
      path: '/api/response/enforcement-points',
      tags: ['response'],
      summary: 'Add an enforcement point: local nftables, nftables over SSH, or a firewall API',
      description:
        'nftables runs `nft` on the Vigil host (optionally in a network namespace); nftables_ssh runs it on a remote host with the key given as `secret` and the host key pinned by fingerprint; webhook POSTs signed commands to a firewall API (a generated secret is shown once). Admins only; audited.',
    },
  })
  .input(z.object({ kind: z.enum(POINT_KINDS), name: ZName, config: ZConfig.optional(), secret: ZSecret.optional(), enabled: z.boolean().optional() }))
  .output(ZCreatedEnforcementPoint)
  .mutation(({ ctx, input }) => {
    ctx.response.status = 201;
    return createEnforcementPoint(ctx.service, input);
  });

export const updateEnforcementPointProcedure = orgProcedure('settings:write')
  .meta({
    openapi: {
      method: 'PATCH',
      path: '/api/response/enforcement-points/{point_id}',
      tags: ['response'],
      summary: 'Change an enforcement point (name, config, secret, enabled)',
    },
  })
  .input(z.object({ point_id: ZPointId, name: ZName.optional(), config: ZConfig.optional(), secret: ZSecret.optional(), enabled: z.boolean().optional() }))
  .output(ZEnforcementPoint)
  .mutation(({ ctx, input }) => {
    const { point_id, ...change } = input;
    return updateOrgEnforcementPoint(ctx.service, point_id, change);
  });

export const deleteEnforcementPointProcedure = orgProcedure('settings:write')
  .meta({
    openapi: {
      method: 'DELETE',
      path: '/api/response/enforcement-points/{point_id}',
      tags: ['response'],
      summary: 'Remove an enforcement point (blocks already set at it stay until they time out)',
    },
  })
  .input(z.object({ point_id: ZPointId }))
  .output(z.object({ deleted: z.literal(true), id: z.number().int() }))
  .mutation(({ ctx, input }) => deleteOrgEnforcementPoint(ctx.service, input.point_id));

export const getResponseSettingsProcedure = orgProcedure('settings:read')
  .meta({
    openapi: {
      method: 'GET',
      path: '/api/response/settings',
      tags: ['response'],
      summary: 'Response guard rails: protected ranges, dry run, hourly action budget',
    },
  })
  .input(z.object({}))
  .output(ZResponseSettings)
  .query(({ ctx }) => getResponseSettings(ctx.service));

export const putResponseSettingsProcedure = orgProcedure('settings:write')
  .meta({ openapi: { method: 'PUT', path: '/api/response/settings', tags: ['response'], summary: 'Change the response guard rails (admins; audited)' } })
  .input(
    z.object({
      protected_ranges: z.array(z.string().max(64)).max(1000).optional(),
      dry_run: z.boolean().optional(),
      max_actions_per_hour: z.number().int().min(1).max(100_000).optional(),
    }),
  )
  .output(ZResponseSettings)
  .mutation(({ ctx, input }) => putResponseSettings(ctx.service, input));
