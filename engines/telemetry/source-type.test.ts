import { describe, expect, it } from 'vitest';
import { parseBatch } from './index.ts';
import { resolveSourceType } from './source-type.ts';

const ctx = { receivedAt: new Date('2026-01-01T00:00:00Z') };

describe('resolveSourceType', () => {
  it('maps parser names (any case), and auto', () => {
    expect(resolveSourceType(' Cowrie ')).toEqual({ kind: 'cowrie', declaredType: null });
    expect(resolveSourceType('zeek')).toEqual({ kind: 'zeek', declaredType: null });
    expect(resolveSourceType('auto')).toEqual({ kind: 'auto', declaredType: null });
  });

  it('falls back to custom for a type without a parser, keeping the declared name', () => {
    expect(resolveSourceType('webhoneypot')).toEqual({ kind: 'custom', declaredType: 'webhoneypot' });
    expect(resolveSourceType('Dionaea')).toEqual({ kind: 'custom', declaredType: 'Dionaea' });
    expect(resolveSourceType('  ')).toEqual({ kind: 'custom', declaredType: null });
  });
});

describe('parseBatch with a declared source type', () => {
  it('stores records of an unknown type as custom events carrying the type, instead of rejecting them', () => {
    const records = [
      { timestamp: '2026-12-03T10:00:00+00:00Z', event_type: 'http_request', src_ip: '198.51.100.7', url: '/wp-login.php', id: 'w-1' },
      { timestamp: 'not a time' },
    ];
    const out = parseBatch(resolveSourceType('webhoneypot'), records, ctx);
    expect(out.events).toHaveLength(1);
    expect(out.events[0]).toMatchObject({
      sourceKind: 'custom',
      action: 'custom.http_request',
      srcIp: '198.51.100.7',
      occurredAt: new Date('2026-12-03T10:00:00Z'),
      attributes: { sourceType: 'webhoneypot' },
    });
    expect(out.rejected).toEqual([{ index: 1, reason: 'invalid_timestamp', field: 'timestamp' }]);
  });

  it('keeps the declared type out of known sources and plain custom batches', () => {
    const cowrie = { eventid: 'cowrie.session.connect', timestamp: '2026-01-01T00:00:00Z' };
    expect(parseBatch(resolveSourceType('cowrie'), [cowrie], ctx).events[0]?.sourceKind).toBe('cowrie');
    expect(parseBatch('custom', [{ message: 'm' }], ctx).events[0]?.attributes.sourceType).toBeUndefined();
  });
});
