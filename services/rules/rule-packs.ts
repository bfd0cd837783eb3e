import { readFileSync } from 'node:fs';
import { parseSigmaText } from '../../engines/rules/sigma/index.ts';

/** A read-only bundle of rules shipped with Vigil; an organisation enables it to get its own copies (marked with the pack). */
export type RulePack = { name: string; title: string; description: string; content: string };

const PACKS: ReadonlyArray<Omit<RulePack, 'content'>> = [
  {
    name: 'vigil-windows-core',
    title: 'Windows core',
    description: 'Credential dumping, encoded PowerShell, shadow-copy deletion, log clearing, account creation and brute force on Windows agents.',
  },
  { name: 'vigil-linux-core', title: 'Linux core', description: 'Reverse shells and download-and-execute one-liners on Linux agents.' },
];

let loaded: RulePack[] | null = null;

/** The bundled packs, read once from services/rules/packs/<name>.yml. */
export function rulePacks(): readonly RulePack[] {
  loaded ??= PACKS.map((pack) => ({ ...pack, content: readFileSync(new URL(`./packs/${pack.name}.yml`, import.meta.url), 'utf8') }));
  return loaded;
}

export function rulePack(name: string): RulePack | undefined {
  return rulePacks().find((pack) => pack.name === name);
}

/** The rules a pack holds, as listed before it is enabled. */
export function packRules(pack: RulePack): Array<{ id: string; title: string; level: string; type: 'analytic' | 'correlation' }> {
  return parseSigmaText(pack.content).documents.map((document) => ({
    id: document.meta.id,
    title: document.meta.title,
    level: document.meta.level,
    type: document.kind === 'correlation' ? 'correlation' : 'analytic',
  }));
}
