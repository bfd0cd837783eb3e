import { describe, expect, it } from 'vitest';
import { createVigilRestClient } from '../../clients/rest.ts';
import { createVigilTrpcClient } from '../../clients/trpc.ts';
import { useTestServer } from '../harness.ts';

const t = useTestServer({});

describe('generated clients against a running server', () => {
  it('the typed tRPC client calls procedures', async () => {
    const client = createVigilTrpcClient({ baseUrl: t.server.baseUrl });
    expect(await client.system.root.query()).toEqual({ status: 'ok', service: 'vigil' });
    expect(await client.system.liveness.query()).toEqual({ status: 'ok' });
  });

  it('the typed REST client calls the documented paths', async () => {
    const client = createVigilRestClient({ baseUrl: t.server.baseUrl });
    const { data, response } = await client.GET('/healthz');
    expect(response.status).toBe(200);
    expect(data).toEqual({ status: 'ok' });
    const root = await client.GET('/');
    expect(root.data?.service).toBe('vigil');
  });
});
