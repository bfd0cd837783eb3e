import { isIP } from 'node:net';
import { AppError } from '../../core/errors.ts';
import type { EnforcementTarget } from './adapters/adapter.ts';

const HOSTNAME = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9_-]{0,62})(?:\.[A-Za-z0-9](?:[A-Za-z0-9_-]{0,62}))*\.?$/;
const SENDER = /^[^\s@<>"]{1,64}@[A-Za-z0-9.-]{1,253}$|^@?[A-Za-z0-9.-]{1,253}\.[A-Za-z]{2,63}$/;

function invalidTarget(field: string, reason: string): AppError {
  return new AppError('VALIDATION_FAILED', `${field}: ${reason}`, { issues: [{ path: field, message: reason }] });
}

/** The value in the one canonical form the enforcement points see (IPv6 compressed, URL normalised). */
export function canonicalTarget(kind: EnforcementTarget['kind'], raw: string, field: string): string {
  const value = raw.trim();
  switch (kind) {
    case 'ip': {
      const bare = value.replace(/^\[|\]$/g, '');
      if (isIP(bare) === 0) throw invalidTarget(field, `is not an IP address: ${JSON.stringify(value.slice(0, 64))}`);
      return isIP(bare) === 6 ? new URL(`http://[${bare}]/`).hostname.slice(1, -1) : bare;
    }
    case 'host':
      if (!HOSTNAME.test(value) && isIP(value) === 0) throw invalidTarget(field, 'is not a host name or address');
      return value.toLowerCase();
    case 'user':
      if (value.length === 0 || value.length > 320) throw invalidTarget(field, 'must name an account (email or user id)');
      return value;
    case 'url': {
      const url = URL.canParse(value) ? new URL(value) : undefined;
      if (!url || !['http:', 'https:'].includes(url.protocol)) throw invalidTarget(field, 'must be an http(s) URL');
      return url.href;
    }
    case 'sender':
      if (!SENDER.test(value)) throw invalidTarget(field, 'must be an email address or a domain');
      return value.toLowerCase();
  }
}
