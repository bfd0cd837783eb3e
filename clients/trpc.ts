import { createTRPCClient, httpBatchLink, type TRPCClient } from '@trpc/client';
import type { AppRouter } from '../routers/index.ts';

export type VigilTrpcClientOptions = {
  /** Server origin, e.g. http://127.0.0.1:8000 */
  baseUrl: string;
  headers?: () => Record<string, string>;
  fetch?: typeof fetch;
};

/** Typed tRPC client for TypeScript front-ends: every procedure with its zod input and output types. */
export function createVigilTrpcClient(options: VigilTrpcClientOptions): TRPCClient<AppRouter> {
  return createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({
        url: `${options.baseUrl.replace(/\/$/, '')}/trpc`,
        headers: options.headers ?? (() => ({})),
        ...(options.fetch ? { fetch: options.fetch } : {}),
      }),
    ],
  });
}
