import { describe, expect, it } from 'vitest';
import { normaliseRole, PERMISSIONS, ROLE_PERMISSIONS, roleCan, weakerRole } from './permissions.ts';

describe('permission matrix', () => {
  it('grows with each role: viewer ⊂ analyst ⊂ soc_lead ⊂ admin', () => {
    const chain = ['viewer', 'analyst', 'soc_lead', 'admin'] as const;
    for (let index = 1; index < chain.length; index++) {
      const lower = ROLE_PERMISSIONS[chain[index - 1] ?? 'viewer'];
      const higher = ROLE_PERMISSIONS[chain[index] ?? 'admin'];
      for (const permission of lower) expect(higher.has(permission)).toBe(true);
      expect(higher.size).toBeGreaterThan(lower.size);
    }
    expect(ROLE_PERMISSIONS.admin.size).toBe(PERMISSIONS.length);
  });

  it('keeps administration to admins and reading from machines', () => {
    expect(roleCan('soc_lead', 'users:write')).toBe(false);
    expect(roleCan('admin', 'users:write')).toBe(true);
    expect(roleCan('viewer', 'alerts:write')).toBe(false);
    expect(roleCan('analyst', 'alerts:write')).toBe(true);
    expect(roleCan('agent', 'events:write')).toBe(true);
    expect(roleCan('agent', 'events:read')).toBe(false);
    expect(roleCan('device', 'users:read')).toBe(false);
  });

  it('keeps response actions to leads and admins, and synthetic data to people', () => {
    expect(roleCan('analyst', 'response:execute')).toBe(false);
    expect(roleCan('soc_lead', 'response:execute')).toBe(true);
    expect(roleCan('analyst', 'events:generate')).toBe(true);
    expect(roleCan('viewer', 'events:generate')).toBe(false);
    expect(roleCan('agent', 'events:generate')).toBe(false);
    expect(roleCan('device', 'events:generate')).toBe(false);
  });

  it('picks the weaker of two roles, whichever comes first', () => {
    expect(weakerRole('admin', 'analyst')).toBe('analyst');
    expect(weakerRole('viewer', 'soc_lead')).toBe('viewer');
    expect(weakerRole('soc_lead', 'soc_lead')).toBe('soc_lead');
  });

  it("maps EventSec's role names and rejects unknown ones", () => {
    expect(normaliseRole(' Team_Lead ')).toBe('soc_lead');
    expect(normaliseRole('senior_analyst')).toBe('analyst');
    expect(normaliseRole('admin')).toBe('admin');
    expect(normaliseRole('superduper')).toBeUndefined();
  });
});
