import { stringifySetCookie } from 'cookie';
import { z } from 'zod';
import { unsafeMintOrgId } from '../../db/scope.ts';
import { publicContext } from '../../server/auth/procedures.ts';
import { setCookie } from '../../server/context.ts';
import { publicProcedure } from '../../server/trpc.ts';
import { SESSION_COOKIE } from '../../services/auth/authenticate.service.ts';
import { authenticateWithPassword } from '../../services/auth/password-login.service.ts';
import { createSession } from '../../services/auth/sessions.service.ts';
import { toUserProfile, ZUserProfile } from '../../services/users/user.dto.ts';
import { orgSlugOf } from '../../services/users/users.service.ts';
import { ZPassword } from './auth.schemas.ts';

export const loginWithSessionProcedure = publicProcedure
  .meta({
    openapi: { method: 'POST', path: '/auth/login', tags: ['auth'], summary: 'EventSec login: a session token, also set as the HttpOnly access_token cookie' },
    tenancy: 'none',
  })
  .input(z.object({ email: z.string().trim().min(1).max(320), password: ZPassword }))
  .output(z.object({ access_token: z.string(), token_type: z.literal('bearer'), user: ZUserProfile, must_change_password: z.boolean() }))
  .mutation(async ({ ctx, input }) => {
    const user = await authenticateWithPassword(publicContext(ctx), 'session', input.email, input.password);
    const orgId = unsafeMintOrgId(user.org_id);
    const ttl = ctx.deps.config.AUTH_SESSION_TTL_SECONDS;
    const session = await createSession(ctx.deps.db, orgId, user.id, ttl);
    setCookie(
      ctx.response,
      stringifySetCookie({
        name: SESSION_COOKIE,
        value: session.token,
        httpOnly: true,
        sameSite: 'lax',
        secure: ctx.deps.config.AUTH_COOKIE_SECURE,
        path: '/',
        maxAge: ttl,
      }),
    );
    const slug = await orgSlugOf(ctx.deps.db, orgId);
    return { access_token: session.token, token_type: 'bearer' as const, user: toUserProfile(user, slug), must_change_password: user.must_change_password };
  });
