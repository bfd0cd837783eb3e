import { readdirSync } from 'node:fs';
import { it } from 'vitest';
import { corpusUrl, readCorpus } from '../../tests/fixtures/corpus.ts';
import { jsonObjectTexts } from '../../tests/fixtures/corpus-text.ts';
import { parseWindows } from '../telemetry/windows.ts';
import { VIGIL_MAPPING } from './mapping/index.ts';
import { compileSigmaRule, parseSigmaText, type SigmaRuleDocument } from './sigma/index.ts';

const SIGMA = 'sigma/SigmaHQ-sigma/';
const files = (folder: string) => readdirSync(corpusUrl(`${SIGMA}${folder}`), { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => `${e.parentPath}/${e.name}`.slice(decodeURIComponent(corpusUrl(SIGMA).pathname).length));
it('xmatch', { timeout: 600000 }, () => {
  const rules = ['rules', 'rules-emerging-threats', 'rules-threat-hunting'].flatMap((f) => files(f).filter((x) => x.endsWith('.yml'))).flatMap((path) => parseSigmaText(readCorpus(`${SIGMA}${path}`)).documents.flatMap((d) => { const c = compileSigmaRule(d as SigmaRuleDocument, VIGIL_MAPPING, {}); return 'rule' in c ? [{ path, rule: c.rule }] : []; }));
  const events = files('regression_data').filter((f) => f.endsWith('.json')).flatMap((f) => jsonObjectTexts(readCorpus(`${SIGMA}${f}`)).map(({ text }) => ({ f, r: parseWindows(JSON.parse(text), { receivedAt: new Date() }) })));
  const counts = new Map<string, number>();
  for (const { r } of events) { if (!r.ok) continue; for (const { path, rule } of rules) if (rule.match(r.event)) counts.set(path, (counts.get(path) ?? 0) + 1); }
  console.log(events.length, [...counts].sort((a, b) => b[1] - a[1]).slice(0, 40).map(([p, n]) => `${n} ${p}`).join('\n'));
});
