import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ERROR_CODE_TO_STATUS, ERROR_CODES } from '../../core/errors.ts';
import { createTestDeps, startTestServer, useTestServer } from '../harness.ts';
import { probeRouter } from './probe-router.ts';

const t = useTestServer({}, probeRouter);

describe('error contract over REST', () => {
  it.each(ERROR_CODES)('%s maps to its status with detail, code and requestId', async (code) => {
    const response = await fetch(`${t.server.baseUrl}/probe/fail?code=${code}`, { headers: { 'x-request-id': `req-${code}` } });
    expect(response.status).toBe(ERROR_CODE_TO_STATUS[code]);
    expect(response.headers.get('x-request-id')).toBe(`req-${code}`);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body.code).toBe(code);
    expect(body.requestId).toBe(`req-${code}`);
    expect(body.detail).toBe(code === 'INTERNAL' ? 'Internal server error' : `probe failed with ${code}`);
    expect(JSON.stringify(body)).not.toMatch(/stack|\.ts:\d+/);
  });

  it('sets Retry-After on RATE_LIMITED', async () => {
    const response = await fetch(`${t.server.baseUrl}/probe/fail?code=RATE_LIMITED`);
    expect(response.headers.get('retry-after')).toBe('42');
  });

  it('hides an unexpected error behind a 500 without its message or stack', async () => {
    const response = await fetch(`${t.server.baseUrl}/probe/crash`);
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(text).not.toContain('secret internal detail');
    expect(text).not.toContain('stack');
    expect(JSON.parse(text)).toMatchObject({ code: 'INTERNAL', detail: 'Internal server error' });
  });

  it('turns a unique violation into 409 CONFLICT', async () => {
    const response = await fetch(`${t.server.baseUrl}/probe/duplicate`, { method: 'POST' });
    expect(response.status).toBe(409);
    expect(await response.json()).toMatchObject({ code: 'CONFLICT' });
  });

  it('lists each invalid field with its path', async () => {
    const response = await fetch(`${t.server.baseUrl}/probe/validate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'x', nested: { count: 1.5 } }),
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { code: string; issues: { path: string; message: string }[] };
    expect(body.code).toBe('VALIDATION_FAILED');
    expect(body.issues.map((issue) => issue.path).sort()).toEqual(['name', 'nested.count']);
  });

  it('rejects malformed JSON with 400 and an unknown path with 404, in the same shape', async () => {
    const malformed = await fetch(`${t.server.baseUrl}/probe/validate`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"name":' });
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    const missing = await fetch(`${t.server.baseUrl}/no/such/route`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ code: 'NOT_FOUND', detail: 'Not found' });
  });

  it('answers an unsupported media type with 415', async () => {
    const response = await fetch(`${t.server.baseUrl}/probe/validate`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: 'a,b' });
    expect(response.status).toBe(415);
    expect(await response.json()).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
  });

  it('answers a body over the limit with 413, measured after gzip inflation', async () => {
    const small = await createTestDeps({ BODY_LIMIT_BYTES: '2048' });
    const limited = await startTestServer(small, probeRouter);
    try {
      const body = gzipSync(JSON.stringify({ events: Array.from({ length: 500 }, () => 'aaaaaaaa') }));
      expect(body.length).toBeLessThan(2048);
      const response = await fetch(`${limited.baseUrl}/probe/echo`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
        body,
      });
      expect(response.status).toBe(413);
      expect(await response.json()).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    } finally {
      await limited.close();
      await small.close();
    }
  });
});

describe('request bodies', () => {
  const post = (body: string | Uint8Array, headers: Record<string, string>) => fetch(`${t.server.baseUrl}/probe/echo`, { method: 'POST', headers, body });

  it('wraps a top-level JSON array as { events }', async () => {
    const response = await post(JSON.stringify([{ a: 1 }, { a: 2 }]), { 'content-type': 'application/json' });
    expect(await response.json()).toMatchObject({ count: 2, first: { a: 1 } });
  });

  it('accepts NDJSON, keeping an unparseable line in place', async () => {
    const text = '{"a":1}\n\nnot json\n{"a":3}\n';
    const response = await post(text, { 'content-type': 'application/x-ndjson' });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ count: 3, first: { a: 1 }, rawBytes: Buffer.byteLength(text) });
  });

  it('inflates gzip and keeps the inflated bytes for signature checks', async () => {
    const text = '{"a":1}\n{"a":2}\n';
    const response = await post(gzipSync(text), { 'content-type': 'application/x-ndjson', 'content-encoding': 'gzip' });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ count: 2, rawBytes: Buffer.byteLength(text) });
  });

  it('rejects a body that claims gzip but is not', async () => {
    const response = await post('{"events":[]}', { 'content-type': 'application/json', 'content-encoding': 'gzip' });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});

describe('error contract over tRPC', () => {
  it.each(ERROR_CODES)('%s carries the same status and app code', async (code) => {
    const input = encodeURIComponent(JSON.stringify({ code }));
    const response = await fetch(`${t.server.baseUrl}/trpc/probe.fail?input=${input}`);
    expect(response.status).toBe(ERROR_CODE_TO_STATUS[code]);
    const body = (await response.json()) as { error: { message: string; data: Record<string, unknown> } };
    expect(body.error.data.appCode).toBe(code);
    expect(body.error.data.httpStatus).toBe(ERROR_CODE_TO_STATUS[code]);
    expect(body.error.data).not.toHaveProperty('stack');
  });
});

describe('query parameters on POST', () => {
  it('are not input where the documented contract does not take them', async () => {
    const response = await fetch(`${t.server.baseUrl}/probe/validate?name=fromquery`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ nested: { count: 2 } }),
    });
    expect(response.status).toBe(400);
  });
});
