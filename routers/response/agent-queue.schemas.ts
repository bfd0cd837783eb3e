import { z } from 'zod';

/** A positive integer id as paths, query strings and EventSec's bodies carry it. */
export const ZPositiveId = (what: string) =>
  z.coerce
    .number({ error: 'must be a positive integer' })
    .int('must be a positive integer')
    .min(1, 'must be a positive integer')
    .max(Number.MAX_SAFE_INTEGER, 'must be a positive integer')
    .describe(what);

export const ZEndpointId = ZPositiveId('Endpoint id: the agent id (integer) GET /endpoints lists');

export const ZHostname = z.string().trim().min(1).max(255).describe('Host name the agent enrolled with (case-insensitive)');
