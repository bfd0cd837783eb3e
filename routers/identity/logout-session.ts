import { stringifySetCookie } from 'cookie';
import { z } from 'zod';
import { logoutSessionIfAny, resolvePrincipal, SESSION_COOKIE } from '../../services/identity/index.ts';
import { setCookie } from '../context.ts';
import { credentialsFrom } from '../procedures.ts';
import { publicProcedure } from '../trpc.ts';

export const logoutSessionProcedure = publicProcedure
  .meta({
    openapi: { method: 'POST', path: '/auth/logout', tags: ['auth'], summary: 'EventSec logout: clears the cookie and revokes the presented session' },
    tenancy: 'none',
  })
  .input(z.void())
  .output(z.object({ detail: z.string() }))
  .mutation(async ({ ctx }) => {
    const principal = await resolvePrincipal(ctx.deps, credentialsFrom(ctx.request.headers));
    await logoutSessionIfAny(ctx.service, principal === 'invalid' ? null : principal);
    setCookie(
      ctx.response,
      stringifySetCookie({
        name: SESSION_COOKIE,
        value: '',
        httpOnly: true,
        sameSite: 'lax',
        secure: ctx.deps.config.AUTH_COOKIE_SECURE,
        path: '/',
        maxAge: 0,
      }),
    );
    return { detail: 'Logged out' };
  });
