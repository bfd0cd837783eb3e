import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseOutboundAllowlist } from './allowlist.ts';
import { checkDestination, type Resolver, sendOutbound } from './request.ts';

// Every request here goes to this machine's loopback receiver; refused destinations are refused before any socket.
let server: Server;
let port: number;
let hits = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    hits++;
    if (req.url === '/redirect') {
      res.writeHead(302, { location: 'http://127.0.0.1:1/elsewhere' }).end();
      return;
    }
    if (req.url === '/big') {
      res.writeHead(200).end('x'.repeat(10_000));
      return;
    }
    if (req.url === '/slow') {
      setTimeout(() => res.writeHead(200).end('late'), 2_000);
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => res.writeHead(201, { 'content-type': 'text/plain' }).end(`got ${Buffer.concat(chunks).toString('utf8')}`));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const open = { allowlist: parseOutboundAllowlist('') };
const loopbackAllowed = { allowlist: parseOutboundAllowlist('127.0.0.1') };

describe('sendOutbound', () => {
  it('refuses 127.0.0.1 without an allowlist entry, and reaches it with one', async () => {
    const before = hits;
    const refused = await sendOutbound(`http://127.0.0.1:${port}/`, { method: 'POST', body: 'hi' }, open);
    expect(refused).toMatchObject({ ok: false, reason: 'blocked_address' });
    expect(hits).toBe(before);

    const allowed = await sendOutbound(`http://127.0.0.1:${port}/`, { method: 'POST', body: 'hi' }, loopbackAllowed);
    expect(allowed).toMatchObject({ ok: true, status: 201, address: '127.0.0.1' });
    expect(allowed.ok && allowed.body.toString()).toBe('got hi');
  });

  it('refuses a name that resolves to loopback (localhost), at look-up', async () => {
    const before = hits;
    expect(checkDestination(`http://localhost:${port}/`, open.allowlist)).toMatchObject({ ok: false, reason: 'blocked_address' });
    const refused = await sendOutbound(`http://localhost:${port}/`, { method: 'POST' }, open);
    expect(refused).toMatchObject({ ok: false, reason: 'blocked_address' });
    expect(hits).toBe(before);
  });

  it('checks every address a name resolves to at connect time (a rebinding name cannot reach loopback)', async () => {
    const before = hits;
    let lookups = 0;
    const rebinding: Resolver = async () => {
      lookups++;
      return [{ address: '127.0.0.1', family: 4 }];
    };
    const refused = await sendOutbound(`http://rebind.example.test:${port}/`, { method: 'POST' }, { ...open, resolve: rebinding });
    expect(refused).toMatchObject({ ok: false, reason: 'blocked_address' });
    expect(refused.ok || refused.message).toContain('rebind.example.test resolves to 127.0.0.1, a loopback address');
    expect(lookups).toBe(1);
    expect(hits).toBe(before);

    const mixed: Resolver = async () => [
      { address: '127.0.0.1', family: 4 },
      { address: '::ffff:7f00:1', family: 6 },
    ];
    expect(await sendOutbound(`http://mixed.example.test:${port}/`, {}, { allowlist: parseOutboundAllowlist('127.0.0.1'), resolve: mixed })).toMatchObject({
      ok: true,
      status: 201,
    });
  });

  it('refuses the metadata address before connecting, even allow-listing its neighbours', async () => {
    // the classification is asserted first: if it were wrong, the test stops before any request is made
    expect(checkDestination('http://169.254.169.254/latest/meta-data/', open.allowlist)).toMatchObject({ ok: false, reason: 'blocked_address' });
    expect(checkDestination('http://[::ffff:169.254.169.254]/', loopbackAllowed.allowlist)).toMatchObject({ ok: false, reason: 'blocked_address' });
    expect(checkDestination('http://[fd00:ec2::254]/', open.allowlist)).toMatchObject({ ok: false, reason: 'blocked_address' });
    const refused = await sendOutbound('http://169.254.169.254/latest/meta-data/', {}, loopbackAllowed);
    expect(refused).toMatchObject({ ok: false, reason: 'blocked_address' });
    expect(refused.ok || refused.message).toContain('metadata');
  });

  it('refuses other schemes, credentials and garbage', async () => {
    expect(await sendOutbound('file:///etc/passwd', {}, open)).toMatchObject({ ok: false, reason: 'scheme_not_allowed' });
    expect(await sendOutbound('gopher://127.0.0.1/', {}, loopbackAllowed)).toMatchObject({ ok: false, reason: 'scheme_not_allowed' });
    expect(await sendOutbound(`http://u:p@127.0.0.1:${port}/`, {}, loopbackAllowed)).toMatchObject({ ok: false, reason: 'invalid_url' });
    expect(await sendOutbound('not a url', {}, open)).toMatchObject({ ok: false, reason: 'invalid_url' });
  });

  it('never follows a redirect', async () => {
    const result = await sendOutbound(`http://127.0.0.1:${port}/redirect`, {}, loopbackAllowed);
    expect(result).toMatchObject({ ok: true, status: 302 });
  });

  it('caps the response size and the time', async () => {
    expect(await sendOutbound(`http://127.0.0.1:${port}/big`, { maxResponseBytes: 1000 }, loopbackAllowed)).toMatchObject({
      ok: false,
      reason: 'response_too_large',
      status: 200,
    });
    expect(await sendOutbound(`http://127.0.0.1:${port}/slow`, { timeoutMs: 200 }, loopbackAllowed)).toMatchObject({ ok: false, reason: 'timeout' });
  });

  it('reports a refused connection and an unknown name as failures, not exceptions', async () => {
    expect(await sendOutbound('http://127.0.0.1:1/', {}, loopbackAllowed)).toMatchObject({ ok: false, reason: 'connect_failed' });
    const nowhere: Resolver = async () => {
      throw Object.assign(new Error('not found'), { code: 'ENOTFOUND' });
    };
    expect(await sendOutbound('http://nowhere.invalid/', {}, { ...open, resolve: nowhere })).toMatchObject({ ok: false, reason: 'dns_failed' });
  });
});
