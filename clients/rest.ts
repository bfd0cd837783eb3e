import createClient, { type Client } from 'openapi-fetch';
import type { paths } from './rest-api.generated.ts';

export type { paths };

export type VigilRestClientOptions = {
  /** Server origin, e.g. http://127.0.0.1:8000 */
  baseUrl: string;
  headers?: Record<string, string>;
  fetch?: typeof fetch;
};

/** Typed REST client over the documented paths, generated from clients/openapi.json. */
export function createVigilRestClient(options: VigilRestClientOptions): Client<paths> {
  return createClient<paths>({
    baseUrl: options.baseUrl.replace(/\/$/, ''),
    ...(options.headers ? { headers: options.headers } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
}
