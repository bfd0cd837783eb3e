import { createHmac } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { canonicalEventJson, canonicalRequest, eventSignature, requestSignature, signEvent, signRequest } from './sign-request.ts';

const secret = 'vgd_test-device-secret';
const hmacHex = (key: string, message: string | Buffer) => createHmac('sha256', key).update(message).digest('hex');

describe('device request signatures (Mini-XDR security.py scheme)', () => {
  // The body as agents/hmac_signer.py writes it: json.dumps(sort_keys=True, separators=(",", ":")).
  const body = '{"events":[{"eventid":"cowrie.login.failed","src_ip":"203.0.113.5"}],"hostname":"hp-1","source_type":"cowrie"}';
  const request = { method: 'post', path: '/ingest/multi?debug=1', body, timestamp: 1700000000, nonce: '0123456789abcdef0123456789abcdef' };

  it('signs METHOD|path|body|X-TS|X-Nonce: golden vector, computed independently', () => {
    const canonical = `POST|/ingest/multi|${body}|1700000000|0123456789abcdef0123456789abcdef`;
    expect(canonicalRequest(request).toString('utf8')).toBe(canonical);
    expect(requestSignature(secret, request)).toBe(hmacHex(secret, canonical));
    expect(requestSignature(secret, request)).toBe('aee22fa81e5246aecf17de69a41e4a28672f749a4dd66ab828e225f034334aed');
  });

  it('signs an empty body as ""', () => {
    const empty = { method: 'POST', path: '/ingest/cowrie', timestamp: '1700000000', nonce: 'nonce-0001' };
    expect(requestSignature(secret, empty)).toBe('a5075c945a16db3cb1d270bb391d0eda50d8b6e481a31e3c5a58b661e79f77c3');
    expect(requestSignature(secret, { ...empty, body: '' })).toBe(requestSignature(secret, empty));
  });

  it('signs raw bytes (UTF-8 text and Buffers agree), never the compressed form', () => {
    const text = '{"eventid":"cowrie.command.input","input":"echo héllo"}';
    const signed = requestSignature(secret, { ...request, body: text });
    expect(requestSignature(secret, { ...request, body: Buffer.from(text, 'utf8') })).toBe(signed);
    expect(signed).toBe(hmacHex(secret, `POST|/ingest/multi|${text}|1700000000|${request.nonce}`));
    expect(requestSignature(secret, { ...request, body: gzipSync(text) })).not.toBe(signed);
  });

  it('returns the four headers with a lower-case hex signature', () => {
    const headers = signRequest({ deviceId: 'hp-1', secret }, request);
    expect(headers).toEqual({
      'X-Device-ID': 'hp-1',
      'X-TS': '1700000000',
      'X-Nonce': request.nonce,
      'X-Signature': 'aee22fa81e5246aecf17de69a41e4a28672f749a4dd66ab828e225f034334aed',
    });
  });

  it('depends on every part', () => {
    const base = requestSignature(secret, request);
    for (const change of [{ method: 'PUT' }, { path: '/ingest/cowrie' }, { body: `${body} ` }, { timestamp: 1700000001 }, { nonce: 'other-nonce' }]) {
      expect(requestSignature(secret, { ...request, ...change })).not.toBe(base);
    }
    expect(requestSignature(`${secret}x`, request)).not.toBe(base);
  });
});

describe('per-event signatures', () => {
  const event = { src_ip: '203.0.113.5', eventid: 'cowrie.login.failed', username: 'röot', nested: { b: 1, a: [true, null, '😀'] } };

  it("serialises as Python's json.dumps(sort_keys=True, separators=(',', ':'))", () => {
    expect(canonicalEventJson(event)).toBe(
      '{"eventid":"cowrie.login.failed","nested":{"a":[true,null,"\\ud83d\\ude00"],"b":1},"src_ip":"203.0.113.5","username":"r\\u00f6ot"}',
    );
  });

  it('signs the event without its signature field: golden vector from Python hmac', () => {
    expect(eventSignature('api-key-123', event)).toBe('5300cdb1ee50c1b4a85213768bd25199984c266be327e5850c0554a49e734053');
    const signed = signEvent('api-key-123', event);
    expect(signed.signature).toBe('5300cdb1ee50c1b4a85213768bd25199984c266be327e5850c0554a49e734053');
    expect(eventSignature('api-key-123', signed)).toBe(signed.signature);
  });
});
