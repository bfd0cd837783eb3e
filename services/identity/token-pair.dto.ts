import { z } from 'zod';

export const ZTokenPair = z.object({
  access_token: z.string().describe('JWT, 8 h; send as Authorization: Bearer'),
  refresh_token: z.string().describe('JWT, 30 d, single use: POST /api/auth/refresh rotates it'),
  token_type: z.literal('bearer'),
  expires_in: z.number().int().describe('Access-token lifetime in seconds'),
});
export type TokenPair = z.infer<typeof ZTokenPair>;

export const ZLoginResponse = ZTokenPair.extend({
  must_change_password: z.boolean().describe('When true, only /api/auth/change-password, /api/auth/me and logout are allowed'),
});
export type LoginResponse = z.infer<typeof ZLoginResponse>;
