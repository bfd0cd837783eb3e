import { createHmac, randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { miniXdrSignature, signatureHeaders, standardWebhooksSignature, webhookBody } from './signing.ts';

const now = () => Math.floor(Date.now() / 1000);

describe('webhook signatures', () => {
  it('verifies with the standardwebhooks package for a whsec_ secret, over the exact bytes', () => {
    const secret = `whsec_${randomBytes(32).toString('base64')}`;
    const body = webhookBody({ id: 'evt_1', event_type: 'incident.created', timestamp: '2026-12-07T10:00:00.000Z', data: { incident_id: 7, note: 'café ✓' } });
    const headers = signatureHeaders({ id: 'msg_1', timestamp: now(), body, secret, eventType: 'incident.created', attempt: 1 });
    expect(new Webhook(secret).verify(body.toString('utf8'), headers)).toMatchObject({ event_type: 'incident.created', data: { note: 'café ✓' } });
    expect(() => new Webhook(secret).verify(`${body.toString('utf8')} `, headers)).toThrow(/No matching signature/);
    expect(() => new Webhook(`whsec_${randomBytes(32).toString('base64')}`).verify(body.toString('utf8'), headers)).toThrow();
  });

  it('verifies a caller-chosen (raw) secret with the package in raw format', () => {
    const secret = 'my-own-shared-secret-123';
    const body = Buffer.from('{"a":1}');
    const headers = signatureHeaders({ id: 'msg_2', timestamp: now(), body, secret, eventType: 'alert.created', attempt: 3 });
    expect(new Webhook(secret, { format: 'raw' }).verify(body.toString(), headers)).toEqual({ a: 1 });
    expect(headers['x-mini-xdr-delivery-attempt']).toBe('3');
  });

  it("signs Mini-XDR's header as hex HMAC-SHA256 of timestamp.body with the secret's text", () => {
    const body = Buffer.from('{"event_type":"test.ping"}');
    const expected = createHmac('sha256', 'whsec_abc').update(`1700000000.${body.toString()}`).digest('hex');
    expect(miniXdrSignature({ timestamp: 1_700_000_000, body, secret: 'whsec_abc' })).toBe(`v1=${expected}`);
  });

  it('matches the standard scheme byte for byte', () => {
    const key = randomBytes(24);
    const body = Buffer.from('{"x":true}');
    const signature = standardWebhooksSignature({ id: 'msg_3', timestamp: 1_700_000_000, body, secret: `whsec_${key.toString('base64')}` });
    expect(signature).toBe(`v1,${createHmac('sha256', key).update(`msg_3.1700000000.${body.toString()}`).digest('base64')}`);
  });
});
