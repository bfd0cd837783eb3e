import { generateSecureRandomString } from './secure-tokens.ts';

const AGENT_KEY_PATTERN = /^vga_([a-z2-9]{10})_([a-z2-9]{32})$/;
const ENROLLMENT_KEY_PATTERN = /^vge_([a-z2-9]{10})_([a-z2-9]{32})$/;

export type GeneratedKey = { key: string; prefix: string };

function generate(kind: 'vga' | 'vge'): GeneratedKey {
  const prefix = generateSecureRandomString(10);
  return { key: `${kind}_${prefix}_${generateSecureRandomString(32)}`, prefix };
}

/** `vga_<prefix>_<secret>`: an agent's own key. The prefix finds the agent, the SHA-256 of the whole key proves it. */
export function generateAgentKey(): GeneratedKey {
  return generate('vga');
}

/** `vge_<prefix>_<secret>`: an organisation's enrolment key, given to agents at install time. */
export function generateEnrollmentKey(): GeneratedKey {
  return generate('vge');
}

export function parseAgentKey(presented: string): { prefix: string } | null {
  const match = AGENT_KEY_PATTERN.exec(presented);
  return match?.[1] ? { prefix: match[1] } : null;
}

export function parseEnrollmentKey(presented: string): { prefix: string } | null {
  const match = ENROLLMENT_KEY_PATTERN.exec(presented);
  return match?.[1] ? { prefix: match[1] } : null;
}

/** A bearer token is taken for an agent key only when it has the agent-key shape. */
export function looksLikeAgentKey(presented: string): boolean {
  return AGENT_KEY_PATTERN.test(presented);
}
