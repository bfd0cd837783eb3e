import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVigilRestClient } from '../../clients/rest.ts';
import { createVigilTrpcClient } from '../../clients/trpc.ts';
import type { Deps } from '../../server/deps.ts';
import { createTestDeps, startTestServer, type TestServer } from '../harness.ts';

let deps: Deps;
let server: TestServer;

beforeAll(async () => {
  deps = await createTestDeps();
  server = await startTestServer(deps);
});

afterAll(async () => {
  await server.close();
  await deps.close();
});

describe('generated clients against a running server', () => {
  it('the typed tRPC client calls procedures', async () => {
    const client = createVigilTrpcClient({ baseUrl: server.baseUrl });
    expect(await client.system.root.query()).toEqual({ status: 'ok', service: 'vigil' });
    expect(await client.system.liveness.query()).toEqual({ status: 'ok' });
  });

  it('the typed REST client calls the documented paths', async () => {
    const client = createVigilRestClient({ baseUrl: server.baseUrl });
    const { data, response } = await client.GET('/healthz');
    expect(response.status).toBe(200);
    expect(data).toEqual({ status: 'ok' });
    const root = await client.GET('/');
    expect(root.data?.service).toBe('vigil');
  });
});
