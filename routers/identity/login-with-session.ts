import { stringifySetCookie } from 'cookie';
import { z } from 'zod';
import { loginWithSession, SESSION_COOKIE, ZUserProfile } from '../../services/identity/index.ts';
import { setCookie } from '../context.ts';
import { publicProcedure } from '../trpc.ts';
import { ZPassword } from './auth.schemas.ts';

export const loginWithSessionProcedure = publicProcedure
  .meta({
    openapi: { method: 'POST', path: '/auth/login', tags: ['auth'], summary: 'EventSec login: a session token, also set as the HttpOnly access_token cookie' },
    tenancy: 'none',
  })
  .input(z.object({ email: z.string().trim().min(1).max(320), password: ZPassword }))
  .output(z.object({ access_token: z.string(), token_type: z.literal('bearer'), user: ZUserProfile, must_change_password: z.boolean() }))
  .mutation(async ({ ctx, input }) => {
    const login = await loginWithSession(ctx.service, input.email, input.password);
    setCookie(
      ctx.response,
      stringifySetCookie({
        name: SESSION_COOKIE,
        value: login.token,
        httpOnly: true,
        sameSite: 'lax',
        secure: ctx.deps.config.AUTH_COOKIE_SECURE,
        path: '/',
        maxAge: login.ttlSeconds,
      }),
    );
    return { access_token: login.token, token_type: 'bearer' as const, user: login.user, must_change_password: login.mustChangePassword };
  });
