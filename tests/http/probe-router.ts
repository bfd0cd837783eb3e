import { sql } from 'kysely';
import { z } from 'zod';
import { AppError, ERROR_CODES } from '../../core/errors.ts';
import { appRouter } from '../../routers/index.ts';
import { publicProcedure, router } from '../../routers/trpc.ts';

/** Procedures that fail on purpose, mounted beside the real router to pin the error contract. */
export const probeRouter = router({
  ...appRouter._def.record,
  probe: router({
    fail: publicProcedure
      .meta({ openapi: { method: 'GET', path: '/probe/fail' }, tenancy: 'none' })
      .input(z.object({ code: z.enum(ERROR_CODES) }))
      .output(z.object({ ok: z.boolean() }))
      .query(({ input }) => {
        throw new AppError(input.code, `probe failed with ${input.code}`, input.code === 'RATE_LIMITED' ? { retryAfterSeconds: 42 } : {});
      }),
    crash: publicProcedure
      .meta({ openapi: { method: 'GET', path: '/probe/crash' }, tenancy: 'none' })
      .input(z.void())
      .output(z.object({ ok: z.boolean() }))
      .query(() => {
        throw new Error('secret internal detail at /srv/app.ts:42');
      }),
    duplicate: publicProcedure
      .meta({ openapi: { method: 'POST', path: '/probe/duplicate' }, tenancy: 'none' })
      .input(z.void())
      .output(z.object({ ok: z.boolean() }))
      .mutation(async ({ ctx }) => {
        const slug = `probe-${Date.now()}`;
        await sql`insert into orgs (name, slug) values ('probe', ${slug})`.execute(ctx.deps.db);
        await sql`insert into orgs (name, slug) values ('probe', ${slug})`.execute(ctx.deps.db);
        return { ok: true };
      }),
    validate: publicProcedure
      .meta({ openapi: { method: 'POST', path: '/probe/validate' }, tenancy: 'none' })
      .input(z.object({ name: z.string().min(3), nested: z.object({ count: z.number().int() }) }))
      .output(z.object({ ok: z.boolean() }))
      .mutation(() => ({ ok: true })),
    echo: publicProcedure
      .meta({ openapi: { method: 'POST', path: '/probe/echo' }, tenancy: 'none' })
      .input(z.object({ events: z.array(z.unknown()).max(10_000) }))
      .output(z.object({ count: z.number(), first: z.unknown(), rawBytes: z.number() }))
      .mutation(({ input, ctx }) => ({ count: input.events.length, first: input.events[0], rawBytes: ctx.request.rawBody?.length ?? 0 })),
  }),
});
