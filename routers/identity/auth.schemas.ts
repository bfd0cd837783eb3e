import { z } from 'zod';
import { ZMiniXdrOrganization, ZMiniXdrUser } from '../../services/identity/index.ts';

export const ZEmail = z.string().trim().max(320).pipe(z.email('must be a valid email address'));
export const ZPassword = z.string().min(1).max(256);

export const ZTokenPair = z.object({
  access_token: z.string().describe('JWT, 8 h; send as Authorization: Bearer'),
  refresh_token: z.string().describe('JWT, 30 d, single use: POST /api/auth/refresh rotates it'),
  token_type: z.literal('bearer'),
  expires_in: z.number().int().describe('Access-token lifetime in seconds'),
});

export const ZLoginResponse = ZTokenPair.extend({
  must_change_password: z.boolean().describe('When true, only /api/auth/change-password, /api/auth/me and logout are allowed'),
});

export const ZMeResponse = z.object({ user: ZMiniXdrUser, organization: ZMiniXdrOrganization });
