import { describe, expect, it } from 'vitest';
import { VIGIL_MAPPING } from '../rules/mapping/index.ts';
import { compileSigmaRule, parseSigmaText, type SigmaRuleDocument } from '../rules/sigma/index.ts';
import { parseAuditRecord } from './auditd.ts';
import { parseSyslog } from './syslog.ts';

const ctx = { receivedAt: new Date('2026-12-04T10:00:00Z') };
const EXECVE = 'type=EXECVE msg=audit(1764842400.123:4711): argc=3 a0="chmod" a1="+x" a2=2F746D702F78207920';

describe('auditd records', () => {
  it('reads the type, time, serial and fields, hex-encoded arguments decoded', () => {
    const record = parseAuditRecord(EXECVE);
    expect(record).toMatchObject({ type: 'EXECVE', serial: '4711', fields: { type: 'EXECVE', argc: '3', a0: 'chmod', a1: '+x', a2: '/tmp/x y' } });
    expect(record?.time?.toISOString()).toBe('2025-12-04T10:00:00.123Z');
    expect(parseAuditRecord('Accepted password for root from 10.0.0.1 port 22 ssh2')).toBeNull();
  });

  it('keeps quoted values as written and stops at the enriched part separator', () => {
    const record = parseAuditRecord(
      'type=SYSCALL msg=audit(1.5:9): arch=c000003e syscall=59 success=yes exe="/usr/bin/curl" key="susp"\u001dARCH=x86_64 SYSCALL=execve',
    );
    expect(record?.fields).toMatchObject({ syscall: '59', exe: '/usr/bin/curl', key: 'susp', SYSCALL: 'execve', ARCH: 'x86_64' });
  });

  it('arrives through syslog as an audit event with the command line of an EXECVE', () => {
    const parsed = parseSyslog(`<14>Dec  4 10:00:00 web-01 audit: ${EXECVE}`, ctx);
    expect(parsed.ok && parsed.event).toMatchObject({
      category: 'audit',
      action: 'syslog.auditd.execve',
      processCommandLine: 'chmod +x /tmp/x y',
      attributes: { auditd: { a0: 'chmod' } },
    });
  });

  it('is matched by a Sigma auditd rule', () => {
    const [document] = parseSigmaText(`title: chmod in tmp
logsource: {product: linux, service: auditd}
detection:
  selection:
    type: EXECVE
    a0: chmod
    a2|startswith: /tmp/
  condition: selection
`).documents as SigmaRuleDocument[];
    const compiled = compileSigmaRule(document as SigmaRuleDocument, VIGIL_MAPPING);
    if (!('rule' in compiled)) throw new Error(JSON.stringify(compiled.problems));
    const event = (text: string) => {
      const parsed = parseSyslog(text, ctx);
      if (!parsed.ok) throw new Error(parsed.reason);
      return parsed.event;
    };
    expect(compiled.rule.match(event(EXECVE))).toBe(true);
    expect(compiled.rule.match(event(EXECVE.replace('a0="chmod"', 'a0="chown"')))).toBe(false);
    expect(VIGIL_MAPPING.eventKeys(event(EXECVE))).toContain('linux//auditd');
  });
});
