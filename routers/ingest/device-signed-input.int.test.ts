import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signRequest } from '../../services/ingest/index.ts';
import { createTestOrg, type TestOrg } from '../../tests/fixtures/identity.ts';
import { cowrieLogin, getSigned, postSigned, registerDevice, sendSigned, type TestDevice } from '../../tests/fixtures/ingest.ts';
import { useTestServer } from '../../tests/harness.ts';

const t = useTestServer();

const storedRows = (org: TestOrg) => t.deps.db.selectFrom('events').select(['sensor_id', 'session_id']).where('org_id', '=', org.orgId).execute();

/** A tRPC call carrying device headers signed over `signedBody` (the documented REST path and method). */
async function trpcSigned(device: TestDevice, input: string, signedBody: string | undefined) {
  const headers = signRequest(
    { deviceId: device.device_id, secret: device.secret },
    { method: 'POST', path: '/ingest/cowrie', body: signedBody, timestamp: Math.floor(Date.now() / 1000), nonce: randomBytes(16).toString('hex') },
  );
  const response = await fetch(`${t.server.baseUrl}/trpc/ingest.cowrie`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: input,
  });
  return { status: response.status, body: (await response.json()) as { detail: string } };
}

describe('device-signed requests take all their input from the signed bytes', () => {
  it('over tRPC, device headers are refused with a 400, whether signed over the body or over nothing; nothing is stored', async () => {
    const org = await createTestOrg(t.deps);
    const device = await registerDevice(t, org);
    const input = JSON.stringify({ events: [cowrieLogin({ session: 'trpc-1' })] });
    // the tRPC adapter reads the body itself: a signature over an empty body used to pass, and the right one to fail
    for (const signedBody of [undefined, input]) {
      const response = await trpcSigned(device, input, signedBody);
      expect(response.status).toBe(400);
      expect(response.body.detail).toMatch(/^Device-signed requests .* are accepted only on the documented REST paths/);
    }
    expect(await storedRows(org)).toEqual([]);
  });

  it('tRPC still takes an API key', async () => {
    const org = await createTestOrg(t.deps);
    const key = (await t.http.post('/api/keys', { name: 'trpc-client', role: 'analyst' }, org.admin.headers)).body.key as string;
    const response = await fetch(`${t.server.baseUrl}/trpc/ingest.cowrie`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': key },
      body: JSON.stringify({ events: [cowrieLogin({ session: 'trpc-key' })] }),
    });
    expect(response.status).toBe(200);
    expect(await storedRows(org)).toEqual([{ sensor_id: 'cowrie-eu-1', session_id: 'trpc-key' }]);
  });

  it('on REST, a query string next to device headers is refused, not merged into the signed input', async () => {
    const org = await createTestOrg(t.deps);
    const device = await registerDevice(t, org);
    const body = JSON.stringify({ source_type: 'cowrie', events: [cowrieLogin({ session: 'query-1' })] });
    const forged = await sendSigned(t, device, { method: 'POST', path: '/ingest/multi?hostname=forged-sensor', signedPath: '/ingest/multi', body });
    expect(forged.status).toBe(400);
    expect(forged.body.detail).toMatch(/^Query parameters are not covered by X-Signature/);
    expect(await storedRows(org)).toEqual([]);

    const signed = await postSigned(
      t,
      device,
      '/ingest/multi',
      JSON.stringify({ source_type: 'cowrie', hostname: 'signed-sensor', events: [cowrieLogin({ session: 'query-2' })] }),
    );
    expect(signed.body).toMatchObject({ stored: 1 });
    expect(await storedRows(org)).toEqual([{ sensor_id: 'signed-sensor', session_id: 'query-2' }]);
  });
});

describe('device credentials on read routes (Mini-XDR signs GET /api/* with send_signed_request.py)', () => {
  it('a device reads GET /api/sources, which its role allows (telemetry:report), and nothing its role does not', async () => {
    const org = await createTestOrg(t.deps);
    const device = await registerDevice(t, org);
    await postSigned(t, device, '/ingest/cowrie', JSON.stringify([cowrieLogin({ session: 'read-1', timestamp: new Date().toISOString() })]));

    const sources = await getSigned(t, device, '/api/sources');
    expect(sources.status).toBe(200);
    expect(sources.body).toMatchObject({ success: true, sources: [{ source_type: 'cowrie', channel: 'cowrie', events_processed: 1 }] });
    expect((await getSigned(t, device, '/api/telemetry/status')).body).toMatchObject({ hasLogs: true });

    expect((await getSigned(t, device, '/api/sources', { secret: 'vgd_not-the-secret' })).body.detail).toMatch(/^Bad signature/);
    const withQuery = await sendSigned(t, device, { method: 'GET', path: '/api/sources?hours=48', signedPath: '/api/sources', body: undefined });
    expect(withQuery.status).toBe(400);
    const incidents = await getSigned(t, device, '/incidents');
    expect(incidents).toMatchObject({ status: 403, body: { detail: "Your role 'device' may not do this (needs incidents:read)" } });
    const mutation = await sendSigned(t, device, {
      method: 'POST',
      path: '/api/keys',
      signedPath: '/api/keys',
      body: JSON.stringify({ name: 'x', role: 'admin' }),
    });
    expect(mutation.status).toBe(403);
    expect(mutation.body.detail).toMatch(/^Device credentials .* read GET routes without path parameters/);
  });
});
